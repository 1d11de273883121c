<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Rest;

use SupportProvisioningPortal\Domain\Right;
use SupportProvisioningPortal\Mail\MailPreferences;

/**
 * GET|PUT me/mail-preferences (portal_access): the caller's own choice of the portal's mails.
 */
final class MailPreferencesController extends Controller
{
    public function registerRoutes(): void
    {
        $own = $this->requireAll(Right::PORTAL_ACCESS);
        register_rest_route(self::NAMESPACE, '/me/mail-preferences', [
            $this->route('GET', [$this, 'preferences'], $own),
            $this->route('PUT, PATCH', [$this, 'update'], $own, array_fill_keys(MailPreferences::KINDS, ['type' => 'boolean']), 'user.mail_preferences'),
            'schema' => [$this, 'get_item_schema'],
        ]);
    }

    /** @return array<string, mixed> */
    public function get_item_schema(): array // phpcs:ignore PSR1.Methods.CamelCapsMethodName.NotCamelCaps -- WordPress's name
    {
        return Schema::resource('mail-preferences', array_fill_keys(MailPreferences::KINDS, Schema::boolean()));
    }

    public function preferences(): \WP_REST_Response
    {
        return new \WP_REST_Response(MailPreferences::of(get_current_user_id()), 200);
    }

    public function update(\WP_REST_Request $request): \WP_REST_Response
    {
        $changes = [];
        foreach (MailPreferences::KINDS as $kind) {
            if ($request->has_param($kind)) {
                $changes[$kind] = (bool) $request->get_param($kind);
            }
        }
        MailPreferences::update(get_current_user_id(), $changes);
        return $this->preferences();
    }
}
