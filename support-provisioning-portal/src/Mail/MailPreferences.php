<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Mail;

use SupportProvisioningPortal\Service\AuditTrail;

/**
 * Which of the portal's mails a user wants (a user option, so per site on multisite). Every kind
 * is on until the user turns it off.
 */
final class MailPreferences
{
    public const OPTION = '_spp_mail_preferences';

    public const EXPIRY_WARNING = 'expiryWarning';
    public const PROVISIONED = 'provisioned';
    public const PROVISION_FAILED = 'provisionFailed';
    public const EXPIRED = 'expired';
    public const SHARED = 'shared';
    public const TRANSFERRED = 'transferred';

    /** @var list<string> */
    public const KINDS = [self::EXPIRY_WARNING, self::PROVISIONED, self::PROVISION_FAILED, self::EXPIRED, self::SHARED, self::TRANSFERRED];

    /** @return array<string, bool> kind => wanted */
    public static function of(int $userId): array
    {
        $stored = get_user_option(self::OPTION, $userId);
        $stored = is_array($stored) ? $stored : [];
        $preferences = [];
        foreach (self::KINDS as $kind) {
            $preferences[$kind] = (bool) ($stored[$kind] ?? true);
        }
        return $preferences;
    }

    public static function wants(int $userId, string $kind): bool
    {
        return self::of($userId)[$kind] ?? false;
    }

    /** @param array<string, bool> $changes kinds of KINDS only */
    public static function update(int $userId, array $changes): void
    {
        $before = self::of($userId);
        $after = array_replace($before, array_intersect_key(array_map('boolval', $changes), $before));
        AuditTrail::addDetails(['before' => $before, 'after' => $after]);
        update_user_option($userId, self::OPTION, $after);
    }

    /** @return array<string, string> kind => label */
    public static function labels(): array
    {
        return [
            self::EXPIRY_WARNING => __('Before a deployment expires', 'support-provisioning-portal'),
            self::PROVISIONED => __('When a deployment is ready', 'support-provisioning-portal'),
            self::PROVISION_FAILED => __('When a deployment could not be made', 'support-provisioning-portal'),
            self::EXPIRED => __('When a deployment has expired', 'support-provisioning-portal'),
            self::SHARED => __('When someone shares a deployment with me', 'support-provisioning-portal'),
            self::TRANSFERRED => __('When a deployment is handed over to me', 'support-provisioning-portal'),
        ];
    }
}
