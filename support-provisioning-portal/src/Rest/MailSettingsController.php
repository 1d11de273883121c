<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Rest;

use SupportProvisioningPortal\Domain\InvalidInput;
use SupportProvisioningPortal\Domain\Right;
use SupportProvisioningPortal\Mail\MailSettings;

/**
 * GET|PUT settings/mail (manage_settings): the site's mail switch, warning lead times and
 * whether sharees are warned.
 */
final class MailSettingsController extends Controller
{
    public function registerRoutes(): void
    {
        $manage = $this->requireAll(Right::MANAGE_SETTINGS);
        register_rest_route(self::NAMESPACE, '/settings/mail', [
            $this->route('GET', [$this, 'settings'], $manage),
            $this->route('PUT, PATCH', [$this, 'updateSettings'], $manage, [
                'enabled' => ['type' => 'boolean'],
                'warningLeadHours' => [
                    'type' => 'array',
                    'maxItems' => MailSettings::MAX_LEAD_TIMES,
                    'items' => ['type' => 'integer', 'minimum' => 1, 'maximum' => MailSettings::MAX_LEAD_HOURS],
                ],
                'warnSharees' => ['type' => 'boolean'],
            ], 'settings.mail'),
            'schema' => [$this, 'get_item_schema'],
        ]);
    }

    /** @return array<string, mixed> */
    public function get_item_schema(): array // phpcs:ignore PSR1.Methods.CamelCapsMethodName.NotCamelCaps -- WordPress's name
    {
        return Schema::resource('mail-settings', [
            'enabled' => Schema::boolean(),
            'warningLeadHours' => Schema::listOf(Schema::integer()),
            'warnSharees' => Schema::boolean(),
        ]);
    }

    public function settings(): \WP_REST_Response
    {
        return new \WP_REST_Response(MailSettings::all(), 200);
    }

    public function updateSettings(\WP_REST_Request $request): \WP_REST_Response|\WP_Error
    {
        try {
            MailSettings::update($this->present($request, ['enabled', 'warningLeadHours', 'warnSharees']));
        } catch (InvalidInput $error) {
            return new \WP_Error('rest_invalid_param', $error->getMessage(), [
                'status' => 400,
                'params' => [$error->field => $error->getMessage()],
            ]);
        }
        return $this->settings();
    }

    /**
     * @param list<string> $fields
     * @return array<string, mixed> the fields the request carries
     */
    private function present(\WP_REST_Request $request, array $fields): array
    {
        $values = [];
        foreach ($fields as $field) {
            if ($request->has_param($field)) {
                $values[$field] = $request->get_param($field);
            }
        }
        return $values;
    }
}
