<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Store;

/**
 * Who a deployment is explicitly shared with. DbShareRows in the plugin (ShareStore, the site's
 * shares table); the fast tests keep them with their in-memory deployments.
 */
interface ShareRows
{
    /** @return bool false when the share already existed */
    public function add(int $deploymentId, int $userId, int $createdBy): bool;

    /** @return bool false when there was no such share */
    public function remove(int $deploymentId, int $userId): bool;

    /** @return list<array{userId: int, login: string, displayName: string, createdAt: string}> by login */
    public function forDeployment(int $deploymentId): array;
}
