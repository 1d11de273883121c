<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Rest;

use SupportProvisioningPortal\Domain\ConnectionProfile;
use SupportProvisioningPortal\Domain\InvalidInput;
use SupportProvisioningPortal\Domain\Right;
use SupportProvisioningPortal\Service\ConnectionProfiles;
use SupportProvisioningPortal\Service\ServiceError;

/**
 * GET|PUT|DELETE templates/:id/connection-profile: how users reach the template's VMs.
 */
final class ConnectionProfileController extends Controller
{
    public function registerRoutes(): void
    {
        $manage = $this->requireAll(Right::MANAGE_TEMPLATES);
        $id = ['id' => $this->idArg()];
        register_rest_route(self::NAMESPACE, '/templates/(?P<id>\d+)/connection-profile', [
            $this->route('GET', [$this, 'show'], $manage, $id),
            $this->route('PUT', [$this, 'replace'], $manage, $id + [
                // Each entry's fields are checked by ConnectionProfile, which names the wrong one.
                'entries' => [
                    'type' => 'array',
                    'required' => true,
                    'maxItems' => ConnectionProfile::MAX_ENTRIES,
                    'items' => ['type' => 'object'],
                ],
            ], 'template.connection_profile'),
            $this->route('DELETE', [$this, 'clear'], $manage, $id, 'template.connection_profile'),
            'schema' => [$this, 'get_item_schema'],
        ]);
    }

    /**
     * A template's connection profile, as stored after defaults were filled in.
     *
     * @return array<string, mixed>
     */
    public function get_item_schema(): array // phpcs:ignore PSR1.Methods.CamelCapsMethodName.NotCamelCaps -- WordPress's name
    {
        return Schema::resource('connection-profile', [
            'templateId' => Schema::integer(),
            'entries' => Schema::listOf(ConnectionSchemas::entry()),
        ]);
    }

    public function show(\WP_REST_Request $request): \WP_REST_Response|\WP_Error
    {
        $id = (int) $request['id'];
        return $this->answer($id, static fn (): ConnectionProfile => ConnectionProfiles::get($id));
    }

    public function replace(\WP_REST_Request $request): \WP_REST_Response|\WP_Error
    {
        $id = (int) $request['id'];
        $entries = (array) $request['entries'];
        return $this->answer($id, static fn (): ConnectionProfile => ConnectionProfiles::replace($id, $entries));
    }

    public function clear(\WP_REST_Request $request): \WP_REST_Response|\WP_Error
    {
        $id = (int) $request['id'];
        return $this->answer($id, static fn (): ConnectionProfile => ConnectionProfiles::replace($id, []));
    }

    /** @param callable(): ConnectionProfile $work */
    private function answer(int $templateId, callable $work): \WP_REST_Response|\WP_Error
    {
        try {
            return new \WP_REST_Response(['templateId' => $templateId, 'entries' => $work()->entries], 200);
        } catch (ServiceError $error) {
            return self::error($error->errorCode, $error->getMessage(), $error->data);
        } catch (InvalidInput $error) {
            return new \WP_Error('rest_invalid_param', $error->getMessage(), [
                'status' => 400,
                'params' => [$error->field => $error->getMessage()],
            ]);
        }
    }
}
