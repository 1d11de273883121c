<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Rest;

use SupportProvisioningPortal\Domain\InvalidInput;
use SupportProvisioningPortal\Domain\Right;
use SupportProvisioningPortal\Mail\MailPreferences;
use SupportProvisioningPortal\Mail\MailSettings;

/**
 * GET|PUT settings/mail (manage_settings): the site's mail switch, warning lead times and
 * whether sharees are warned. GET|PUT me/mail-preferences (portal_access): the caller's own choice
 * of mails.
 */
final class MailController extends Controller
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
        ]);
        $own = $this->requireAll(Right::PORTAL_ACCESS);
        $preferences = [];
        foreach (MailPreferences::KINDS as $kind) {
            $preferences[$kind] = ['type' => 'boolean'];
        }
        register_rest_route(self::NAMESPACE, '/me/mail-preferences', [
            $this->route('GET', [$this, 'preferences'], $own),
            $this->route('PUT, PATCH', [$this, 'updatePreferences'], $own, $preferences, 'user.mail_preferences'),
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

    public function preferences(): \WP_REST_Response
    {
        return new \WP_REST_Response(MailPreferences::of(get_current_user_id()), 200);
    }

    public function updatePreferences(\WP_REST_Request $request): \WP_REST_Response
    {
        MailPreferences::update(get_current_user_id(), $this->present($request, MailPreferences::KINDS));
        return $this->preferences();
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
