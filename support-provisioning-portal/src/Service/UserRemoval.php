<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Store\OwnershipStore;
use SupportProvisioningPortal\Store\Schema;

/**
 * A user deleted, or removed from a site of a network, leaves no deployment pointing at nobody:
 * WordPress's own delete screen offers to attribute them to another user, as it does for posts,
 * and otherwise they go to the orphan owner (docs/decisions/hand-over.md).
 */
final class UserRemoval
{
    public static function onDelete(int $userId, mixed $reassign): void
    {
        self::handOver($userId, $reassign, 'user_deleted');
    }

    /** Fires on the site the user leaves (WordPress has switched to it). */
    public static function onRemoveFromSite(int $userId, int $blogId, mixed $reassign = null): void
    {
        self::handOver($userId, $reassign, 'user_removed');
    }

    /**
     * Makes the delete screen offer "Attribute all content to" when the users own deployments.
     *
     * @param array<int|string> $userIds
     */
    public static function haveDeployments(bool $haveContent, array $userIds): bool
    {
        if ($haveContent || Schema::installedVersion() === 0) {
            return $haveContent;
        }
        foreach ($userIds as $userId) {
            if (OwnershipStore::ownedBy((int) $userId) !== []) {
                return true;
            }
        }
        return false;
    }

    /**
     * A line on the delete screen saying where the deployments go.
     *
     * @param array<int|string> $userIds
     */
    public static function explain(\WP_User $currentUser, array $userIds): void
    {
        $count = 0;
        foreach ($userIds as $userId) {
            $count += count(OwnershipStore::ownedBy((int) $userId));
        }
        if ($count === 0) {
            return;
        }
        $orphanOwner = OrphanOwner::configured() ?? $currentUser;
        printf(
            '<p class="spp-delete-user-deployments">%s</p>',
            esc_html(sprintf(
                /* translators: 1: number of deployments, 2: login of the user who receives them otherwise */
                _n(
                    'These users own %1$d Support Provisioning deployment. "Attribute all content to" hands it to the chosen user; otherwise it goes to %2$s.',
                    'These users own %1$d Support Provisioning deployments. "Attribute all content to" hands them to the chosen user; otherwise they go to %2$s.',
                    $count,
                    'support-provisioning-portal'
                ),
                $count,
                $orphanOwner->user_login
            ))
        );
    }

    private static function handOver(int $userId, mixed $reassign, string $reason): void
    {
        $leaving = get_userdata($userId);
        if (!$leaving instanceof \WP_User || Schema::installedVersion() === 0) {
            return; // The plugin was never set up on this site.
        }
        OwnershipStore::forgetShares($userId);
        if (OwnershipStore::ownedBy($userId) === []) {
            return;
        }
        $receiver = OrphanOwner::receiverFor($leaving, $reassign);
        if ($receiver === null) {
            AuditTrail::recordForCurrentUser(Handover::AUDIT_ACTION, 'user', $userId, null, AuditTrail::ERROR, [
                'reason' => $reason,
                'fromId' => $userId,
                'fromLogin' => $leaving->user_login,
                'error' => 'no_receiver',
            ]);
            return;
        }
        Handover::reassignAll($leaving, $receiver, $reason);
    }
}
