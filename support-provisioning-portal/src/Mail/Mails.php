<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Mail;

use SupportProvisioningPortal\Domain\Right;
use SupportProvisioningPortal\Domain\TtlPolicy;
use SupportProvisioningPortal\Service\UserRights;
use SupportProvisioningPortal\Store\DeploymentRecord;
use SupportProvisioningPortal\Support\Time;

/**
 * The texts of the portal's mails, composed in the recipient's locale (Mailer switches to it).
 * They name the deployment and link to it; they never carry a secret, an address or an error text.
 */
final class Mails
{
    /** What the prolong link fills in: a day, or the template's maximum if that is less. */
    private const SUGGESTED_PROLONG_HOURS = 24;

    public static function expiryWarning(DeploymentRecord $d, \WP_User $to, int $leadHours): Message
    {
        $expiresAt = Time::fromDb($d->expiresAt) ?? Time::now();
        $paragraphs = [
            self::greeting($to),
            sprintf(
                /* translators: 1: deployment name, 2: template name, 3: time left such as "23 hours", 4: date and time */
                __('Your deployment “%1$s” (%2$s) expires in %3$s, at %4$s.', 'support-provisioning-portal'),
                $d->name,
                $d->templateName,
                human_time_diff(time(), $expiresAt->getTimestamp()),
                self::siteTime($expiresAt)
            ),
            __('When it expires, its VM is stopped and kept, protected, until someone prolongs or deletes it.', 'support-provisioning-portal'),
        ];
        $canProlong = UserRights::has($to->ID, Right::PORTAL_ACCESS) && UserRights::has($to->ID, Right::PROLONG);
        if ($canProlong) {
            $paragraphs[] = __('The link below opens the deployment after you log in, with the prolong filled in. Nothing changes until you confirm it there.', 'support-provisioning-portal');
        }
        $link = $canProlong
            ? [__('Prolong the deployment', 'support-provisioning-portal'), ProlongLink::url($d->id, self::suggestedProlongHours($d))]
            : [__('Open the deployment', 'support-provisioning-portal'), ProlongLink::openUrl($d->id)];
        return Message::compose(
            self::subject(sprintf(
                /* translators: 1: deployment name, 2: lead time in hours */
                _n('“%1$s” expires within %2$d hour', '“%1$s” expires within %2$d hours', $leadHours, 'support-provisioning-portal'),
                $d->name,
                $leadHours
            )),
            $paragraphs,
            [$link],
            self::footer()
        );
    }

    public static function suggestedProlongHours(DeploymentRecord $d): int
    {
        return min(self::SUGGESTED_PROLONG_HOURS, TtlPolicy::maxHours($d->maxTtlHours ?: null));
    }

    /** "[Site name] subject": mail clients sort and filter by it. */
    public static function subject(string $subject): string
    {
        return sprintf('[%1$s] %2$s', self::siteName(), $subject);
    }

    public static function greeting(\WP_User $to): string
    {
        /* translators: %s: the recipient's display name */
        return sprintf(__('Hello %s,', 'support-provisioning-portal'), $to->display_name);
    }

    public static function footer(): string
    {
        return sprintf(
            /* translators: 1: site name, 2: URL of the user's profile page */
            __("This mail comes from the Support Provisioning Portal of %1\$s.\nChoose which mails you get in your profile: %2\$s", 'support-provisioning-portal'),
            self::siteName(),
            admin_url('profile.php')
        );
    }

    private static function siteName(): string
    {
        return wp_specialchars_decode((string) get_option('blogname'), ENT_QUOTES);
    }

    private static function siteTime(\DateTimeImmutable $time): string
    {
        return (string) wp_date(get_option('date_format') . ' ' . get_option('time_format'), $time->getTimestamp());
    }
}
