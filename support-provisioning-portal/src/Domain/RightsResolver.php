<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Domain;

/**
 * The rules that turn stored rights into effective rights (CONTRACT §2).
 *
 * A "rights manager" is a user whose stored rights hold both `manage_rights` and
 * `portal_access`: `manage_rights` alone is useless, so counting such a user would let
 * the bootstrap end, or the last usable manager leave, with nobody able to manage rights.
 */
final class RightsResolver
{
    /**
     * @param list<Right> $storedRights the user's stored rights
     * @param bool $hasManageOptions whether the user has the WordPress capability `manage_options`
     * @param bool $rightsManagerExists whether any user on the site is a rights manager
     *                                  (see {@see self::isRightsManager()}); ends the bootstrap
     * @return list<Right> in enum order; empty without `portal_access`
     */
    public static function effectiveRights(
        array $storedRights,
        bool $hasManageOptions,
        bool $rightsManagerExists,
    ): array {
        if ($hasManageOptions && !$rightsManagerExists) {
            return Right::cases();
        }
        if (!in_array(Right::PORTAL_ACCESS, $storedRights, true)) {
            return [];
        }
        return Right::ordered($storedRights);
    }

    /**
     * @param list<Right> $storedRights
     */
    public static function isRightsManager(array $storedRights): bool
    {
        return in_array(Right::MANAGE_RIGHTS, $storedRights, true)
            && in_array(Right::PORTAL_ACCESS, $storedRights, true);
    }

    /**
     * Whether replacing a user's rights would leave the site without a rights manager,
     * which must be refused with {@see ErrorCode::LAST_RIGHTS_MANAGER}.
     *
     * After the bootstrap only a rights manager can edit rights, so this only ever fires
     * when the last manager edits their own rights.
     *
     * @param list<Right> $currentRights the target user's stored rights now
     * @param list<Right> $newRights the rights about to be stored for the target user
     * @param int $rightsManagerCount rights managers on the site now, the target included
     */
    public static function removesLastRightsManager(
        array $currentRights,
        array $newRights,
        int $rightsManagerCount,
    ): bool {
        return self::isRightsManager($currentRights)
            && !self::isRightsManager($newRights)
            && $rightsManagerCount <= 1;
    }
}
