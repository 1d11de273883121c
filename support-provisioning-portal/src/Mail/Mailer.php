<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Mail;

/**
 * Sends one mail through wp_mail (so a site's SMTP plugin carries it): plain text first, with an
 * HTML alternative, in the recipient's language. Nothing goes out while the site switch is off.
 */
final class Mailer
{
    /**
     * @param callable(\WP_User): Message $compose called in the recipient's locale
     * @return bool whether wp_mail accepted it
     */
    public static function send(\WP_User $recipient, callable $compose): bool
    {
        if (!MailSettings::enabled() || !is_email($recipient->user_email)) {
            return false;
        }
        $switched = switch_to_locale(get_user_locale($recipient));
        try {
            $message = $compose($recipient);
        } finally {
            if ($switched) {
                restore_previous_locale();
            }
        }
        $alternative = static function ($phpmailer) use ($message): void {
            $phpmailer->AltBody = $message->text;
        };
        add_action('phpmailer_init', $alternative);
        try {
            return wp_mail(
                $recipient->user_email,
                $message->subject,
                $message->html,
                ['Content-Type: text/html; charset=UTF-8']
            );
        } finally {
            remove_action('phpmailer_init', $alternative);
        }
    }
}
