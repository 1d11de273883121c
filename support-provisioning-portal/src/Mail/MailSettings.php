<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Mail;

use SupportProvisioningPortal\Domain\InvalidInput;
use SupportProvisioningPortal\Service\AuditTrail;
use SupportProvisioningPortal\Settings\OptionReads;

/**
 * The site's mail settings: the switch for all of the portal's mail, the lead times of the expiry
 * warnings, and whether sharees who may prolong get them too.
 */
final class MailSettings
{
    public const OPTION = 'spp_mail_settings';
    public const MAX_LEAD_TIMES = 5;
    /** A lead time longer than the longest maximum TTL a template may have (TemplateCatalog) is never due. */
    public const MAX_LEAD_HOURS = 8760;

    /** @return array{enabled: bool, warningLeadHours: list<int>, warnSharees: bool} */
    public static function all(): array
    {
        // Read once per request: a list asks for every row whether it expires soon (OptionReads).
        return OptionReads::get(self::OPTION, [], static function (mixed $stored): array {
            $stored = is_array($stored) ? $stored : [];
            return [
                'enabled' => (bool) ($stored['enabled'] ?? true),
                'warningLeadHours' => self::normalized($stored['warningLeadHours'] ?? [24, 1]),
                'warnSharees' => (bool) ($stored['warnSharees'] ?? false),
            ];
        });
    }

    public static function enabled(): bool
    {
        return self::all()['enabled'];
    }

    /** @return list<int> ascending */
    public static function leadHours(): array
    {
        $hours = self::all()['warningLeadHours'];
        sort($hours);
        return $hours;
    }

    /**
     * @param array{enabled?: bool, warningLeadHours?: list<int>, warnSharees?: bool} $changes
     * @throws InvalidInput
     */
    public static function update(array $changes): void
    {
        $before = self::all();
        if (isset($changes['warningLeadHours'])) {
            $hours = $changes['warningLeadHours'];
            if (count(array_unique($hours)) !== count($hours)) {
                throw new InvalidInput('warningLeadHours', __('Each warning lead time may appear only once.', 'support-provisioning-portal'));
            }
            $changes['warningLeadHours'] = self::normalized($hours);
        }
        $after = array_replace($before, array_intersect_key($changes, $before));
        AuditTrail::addDetails(['before' => $before, 'after' => $after]);
        update_option(self::OPTION, $after, true);
    }

    /**
     * @param mixed $hours
     * @return list<int> descending, as the settings show them
     */
    private static function normalized($hours): array
    {
        $hours = is_array($hours) ? array_map('intval', $hours) : [];
        $hours = array_values(array_unique(array_filter($hours, static fn (int $h): bool => $h >= 1 && $h <= self::MAX_LEAD_HOURS)));
        rsort($hours);
        return array_slice($hours, 0, self::MAX_LEAD_TIMES);
    }
}
