<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\Fakes;

use SupportProvisioningPortal\Store\ShareRows;
use SupportProvisioningPortal\Support\Time;

/** Shares kept with the in-memory deployments, so a shared user's reads see them as ShareStore's join does. */
final class InMemoryShares implements ShareRows
{
    /** @var array<int, array<int, string>> deployment => user => created at */
    private array $shares = [];

    public function __construct(
        private readonly InMemoryDeployments $rows,
        private readonly KnownMembers $members,
        private readonly FixedClock $clock,
    ) {
    }

    public function add(int $deploymentId, int $userId, int $createdBy): bool
    {
        if (isset($this->shares[$deploymentId][$userId])) {
            return false;
        }
        $this->shares[$deploymentId][$userId] = Time::toDb($this->clock->now());
        $this->rows->share($deploymentId, $userId);
        return true;
    }

    public function remove(int $deploymentId, int $userId): bool
    {
        if (!isset($this->shares[$deploymentId][$userId])) {
            return false;
        }
        unset($this->shares[$deploymentId][$userId]);
        $this->rows->unshare($deploymentId, $userId);
        return true;
    }

    public function forDeployment(int $deploymentId): array
    {
        $list = [];
        foreach ($this->shares[$deploymentId] ?? [] as $userId => $createdAt) {
            $list[] = [
                'userId' => $userId,
                'login' => (string) $this->members->login($userId),
                'displayName' => $this->members->displayName($userId),
                'createdAt' => $createdAt,
            ];
        }
        usort($list, static fn (array $a, array $b): int => strcmp($a['login'], $b['login']));
        return $list;
    }
}
