<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Mail;

use SupportProvisioningPortal\Domain\Status;
use SupportProvisioningPortal\Store\DeploymentRecord;
use SupportProvisioningPortal\Store\DeploymentStore;
use SupportProvisioningPortal\Store\MailLog;
use SupportProvisioningPortal\Support\Time;

/**
 * Warns before deployments expire, at each of the site's lead times (24 h and 1 h by default):
 * once per deployment, lead time and expiry, whichever server's tick gets there first. A
 * deployment within several lead times gets the shortest one's warning only; a prolong sets a new
 * expiry, which is warned about again.
 */
final class ExpiryWarnings
{
    public const BATCH = 50;

    /** @return int how many deployments were warned about */
    public static function sweep(int $limit = self::BATCH): int
    {
        if (!MailSettings::enabled()) {
            return 0;
        }
        $now = Time::nowDb();
        $warned = 0;
        $afterHours = 0;
        foreach (MailSettings::leadHours() as $leadHours) {
            $prefix = self::eventPrefix($leadHours);
            foreach (MailLog::dueWarnings($prefix, $leadHours, $afterHours, $now, $limit - $warned) as $due) {
                if (MailLog::claim($due['id'], $prefix . $due['expiresAt'])) {
                    self::warn($due['id'], $leadHours);
                    $warned++;
                }
            }
            if ($warned >= $limit) {
                break;
            }
            $afterHours = $leadHours;
        }
        return $warned;
    }

    /** The longest lead time ahead of now: what the portal's banner and the admin notice look at. */
    public static function horizon(): \DateTimeImmutable
    {
        $hours = MailSettings::leadHours();
        return Time::now()->add(new \DateInterval(sprintf('PT%dH', $hours === [] ? 0 : max($hours))));
    }

    /** Whether the deployment expires within the longest lead time (the UI's banner). */
    public static function isSoon(DeploymentRecord $d): bool
    {
        return self::canBeSoon($d) && $d->expiresAt <= self::soonBefore();
    }

    /** Whether the deployment has an expiry the banner can warn about (running or stopped, not never-expiring). */
    public static function canBeSoon(DeploymentRecord $d): bool
    {
        return !$d->neverExpire && $d->expiresAt !== null && in_array($d->status, [Status::STOPPED, Status::RUNNING], true);
    }

    /** horizon() as a DATETIME, without the objects: a deployment expiring by then expires soon. */
    public static function soonBefore(): string
    {
        $hours = MailSettings::leadHours();
        return Time::dbAfter(3600 * ($hours === [] ? 0 : max($hours)));
    }

    private static function eventPrefix(int $leadHours): string
    {
        return sprintf('expiry_warning:%dh:', $leadHours);
    }

    private static function warn(int $id, int $leadHours): void
    {
        $deployment = DeploymentStore::find($id);
        if ($deployment === null) {
            return;
        }
        $recipients = Recipients::forWarning($deployment, MailSettings::all()['warnSharees']);
        foreach ($recipients as $recipient) {
            Mailer::send($recipient, static fn (\WP_User $user) => Mails::expiryWarning($deployment, $user, $leadHours));
        }
    }
}
