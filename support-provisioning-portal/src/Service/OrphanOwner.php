<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Domain\ErrorCode;
use SupportProvisioningPortal\Domain\Right;

/**
 * The user who receives the deployments of a user deleted (or removed from the site) without a
 * chosen receiver (docs/decisions/hand-over.md). Stored as a user id; 0 = none configured.
 */
final class OrphanOwner
{
    public const OPTION = 'spp_orphan_owner';

    /** The configured orphan owner, if that user still exists on this site. */
    public static function configured(): ?\WP_User
    {
        $id = (int) get_option(self::OPTION, 0);
        $user = $id > 0 ? get_userdata($id) : false;
        return $user instanceof \WP_User && (!is_multisite() || is_user_member_of_blog($id)) ? $user : null;
    }

    /**
     * Names the orphan owner by login or e-mail ('' = none). They must hold portal access, so they
     * can see what they receive.
     *
     * @throws ServiceError 404 unknown user, 422 without portal access
     */
    public static function set(string $loginOrEmail): void
    {
        $before = self::configured();
        $user = trim($loginOrEmail) === '' ? null : Sharing::findUser($loginOrEmail);
        AuditTrail::addDetails(['before' => $before?->user_login, 'after' => $user?->user_login]);
        if ($user !== null && !UserRights::has($user->ID, Right::PORTAL_ACCESS)) {
            throw ServiceError::fromCode(ErrorCode::TRANSFER_TARGET_WITHOUT_ACCESS);
        }
        update_option(self::OPTION, $user?->ID ?? 0, false);
    }

    /**
     * Who receives a leaving user's deployments: the user chosen on WordPress's delete screen, else
     * the orphan owner, else the user doing the deletion. Null when none of them is another user.
     */
    public static function receiverFor(\WP_User $leaving, mixed $chosen): ?\WP_User
    {
        $chosenUser = is_numeric($chosen) && (int) $chosen > 0 ? get_userdata((int) $chosen) : false;
        $candidates = [$chosenUser ?: null, self::configured(), wp_get_current_user()];
        foreach ($candidates as $candidate) {
            if ($candidate instanceof \WP_User && $candidate->ID !== 0 && $candidate->ID !== $leaving->ID) {
                return $candidate;
            }
        }
        return null;
    }
}
