<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Store;

/** The site's shares table (ShareStore). */
final class DbShareRows implements ShareRows
{
    public function add(int $deploymentId, int $userId, int $createdBy): bool
    {
        return ShareStore::add($deploymentId, $userId, $createdBy);
    }

    public function remove(int $deploymentId, int $userId): bool
    {
        return ShareStore::remove($deploymentId, $userId);
    }

    public function forDeployment(int $deploymentId): array
    {
        return ShareStore::forDeployment($deploymentId);
    }
}
