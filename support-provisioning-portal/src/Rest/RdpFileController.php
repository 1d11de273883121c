<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Rest;

use SupportProvisioningPortal\Domain\ConnectionProfile;
use SupportProvisioningPortal\Domain\RdpFile;
use SupportProvisioningPortal\Domain\Right;
use SupportProvisioningPortal\Service\ConnectionDetails;

/**
 * GET deployments/:id/connection/rdp/:entry: the `.rdp` file of one RDP entry of the connection
 * kit, served as a download rather than JSON. Anyone who may view the deployment may fetch it.
 */
final class RdpFileController extends Controller
{
    public function registerRoutes(): void
    {
        register_rest_route(self::NAMESPACE, '/deployments/(?P<id>\d+)/connection/rdp/(?P<entry>\d+)', [
            $this->route('GET', [$this, 'download'], $this->requireAll(Right::PORTAL_ACCESS), [
                'id' => $this->idArg(),
                'entry' => ['type' => 'integer', 'minimum' => 0, 'maximum' => ConnectionProfile::MAX_ENTRIES - 1, 'required' => true],
                'address' => ['type' => 'string', 'format' => 'ip'],
            ]),
            'schema' => [$this, 'get_item_schema'],
        ]);
        add_filter('rest_pre_serve_request', [self::class, 'serve'], 10, 2);
    }

    /**
     * An `.rdp` file's text, served as a download (application/x-rdp), not JSON.
     *
     * @return array<string, mixed>
     */
    public function get_item_schema(): array // phpcs:ignore PSR1.Methods.CamelCapsMethodName.NotCamelCaps -- WordPress's name
    {
        return ['$schema' => 'http://json-schema.org/draft-04/schema#', 'title' => 'rdp-file', 'type' => 'string'];
    }

    public function download(\WP_REST_Request $request): \WP_REST_Response|\WP_Error
    {
        return $this->handle(static function () use ($request): \WP_REST_Response {
            $file = ConnectionDetails::rdpFile(
                get_current_user_id(),
                (int) $request['id'],
                (int) $request['entry'],
                $request['address'] === null ? null : (string) $request['address']
            );
            $response = new \WP_REST_Response($file['content'], 200);
            $response->header('Content-Type', RdpFile::CONTENT_TYPE);
            $response->header('Content-Disposition', 'attachment; filename="' . $file['name'] . '"');
            return $response;
        });
    }

    /** Writes an .rdp answer as it is instead of as JSON; every other answer is left to WordPress. */
    public static function serve(bool $served, \WP_HTTP_Response $result): bool
    {
        $type = $result->get_headers()['Content-Type'] ?? '';
        if ($served || $type !== RdpFile::CONTENT_TYPE || !is_string($result->get_data())) {
            return $served;
        }
        echo $result->get_data(); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- a file download, not HTML
        return true;
    }
}
