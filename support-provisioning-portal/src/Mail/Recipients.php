<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Mail;

use SupportProvisioningPortal\Domain\Right;
use SupportProvisioningPortal\Service\UserRights;
use SupportProvisioningPortal\Store\DeploymentRecord;
use SupportProvisioningPortal\Store\ShareStore;

/**
 * Who gets a mail about a deployment: its owner, and for expiry warnings optionally the users it
 * is shared with who may prolong it; each only if they want that kind of mail.
 */
final class Recipients
{
    /** @return list<\WP_User> */
    public static function forWarning(DeploymentRecord $d, bool $includeSharees): array
    {
        $ids = [$d->ownerId];
        if ($includeSharees) {
            foreach (ShareStore::forDeployment($d->id) as $share) {
                if (UserRights::has($share['userId'], Right::PORTAL_ACCESS) && UserRights::has($share['userId'], Right::PROLONG)) {
                    $ids[] = $share['userId'];
                }
            }
        }
        return self::wanting($ids, MailPreferences::EXPIRY_WARNING);
    }

    /**
     * @param list<int> $userIds
     * @return list<\WP_User>
     */
    public static function wanting(array $userIds, string $kind): array
    {
        $users = [];
        foreach (array_unique($userIds) as $id) {
            $user = get_userdata($id);
            if ($user instanceof \WP_User && MailPreferences::wants($id, $kind)) {
                $users[] = $user;
            }
        }
        return $users;
    }
}
