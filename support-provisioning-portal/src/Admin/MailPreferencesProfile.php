<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Admin;

use SupportProvisioningPortal\Domain\Right;
use SupportProvisioningPortal\Mail\MailPreferences;
use SupportProvisioningPortal\Service\UserRights;

/**
 * The user's own choice of the portal's mails on their wp-admin profile (the same preferences as
 * GET|PUT me/mail-preferences). WordPress checks the profile form's nonce before the update hook.
 */
final class MailPreferencesProfile
{
    private const FIELD = 'spp_mail_preferences';

    public static function render(\WP_User $user): void
    {
        if (!UserRights::has($user->ID, Right::PORTAL_ACCESS)) {
            return;
        }
        $preferences = MailPreferences::of($user->ID);
        echo '<h2>' . esc_html__('Support Provisioning mails', 'support-provisioning-portal') . '</h2>';
        echo '<table class="form-table" role="presentation"><tr><th scope="row">'
            . esc_html__('Send me a mail', 'support-provisioning-portal') . '</th><td><fieldset>';
        foreach (MailPreferences::labels() as $kind => $label) {
            printf(
                '<label><input type="checkbox" name="%1$s[%2$s]" value="1"%3$s> %4$s</label><br>',
                esc_attr(self::FIELD),
                esc_attr($kind),
                checked($preferences[$kind], true, false),
                esc_html($label)
            );
        }
        echo '</fieldset></td></tr></table>';
    }

    public static function save(int $userId): void
    {
        if (!current_user_can('edit_user', $userId) || !UserRights::has($userId, Right::PORTAL_ACCESS)) {
            return;
        }
        // The nonce was verified by WordPress (update-user_{id}) before this hook.
        $posted = isset($_POST[self::FIELD]) && is_array($_POST[self::FIELD]) ? wp_unslash($_POST[self::FIELD]) : [];
        $changes = [];
        foreach (MailPreferences::KINDS as $kind) {
            $changes[$kind] = isset($posted[$kind]);
        }
        MailPreferences::update($userId, $changes);
    }
}
