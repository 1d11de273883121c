<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\Fakes;

use SupportProvisioningPortal\Domain\Status;
use SupportProvisioningPortal\Store\Claim;
use SupportProvisioningPortal\Store\DeploymentRecord;
use SupportProvisioningPortal\Store\DeploymentTable;
use SupportProvisioningPortal\Store\DeploymentStore;
use SupportProvisioningPortal\Support\Time;

/**
 * Deployment rows in memory, with the conditions of DeploymentStore: a claim is a token and a
 * claimed_until against the clock, kept back by retry_at; an update wins only while the claim and
 * the status and step the worker read still hold, a request's change only while the status (and,
 * for a prolong, the expiry) it read still holds; only a running or stopped deployment whose
 * expires_at has passed (and that may expire) is due; RAM counts as Status::countsTowardsQuota()
 * unless released, a VM as Status::holdsVm().
 */
final class InMemoryDeployments implements DeploymentTable
{
    /** @var array<int, array<string, int|string|null>> */
    private array $rows = [];
    /** @var array<int, list<int>> deployment => the users it is shared with */
    private array $shares = [];
    private int $tokens = 0;
    private ?\Closure $meanwhile = null;

    public function __construct(private readonly FixedClock $clock)
    {
    }

    /**
     * A row as the create request leaves it, with $columns on top (column names as in the table,
     * plus the template_* columns its read joins in).
     *
     * @param array<string, int|string|null> $columns
     */
    public function add(array $columns): int
    {
        $id = count($this->rows) + 1;
        $now = Time::toDb($this->clock->now());
        $this->rows[$id] = $columns + [
            'id' => $id,
            'name' => "Deployment {$id}",
            'status' => Status::PROVISIONING->value,
            'step' => '',
            'template_id' => 1,
            'template_name' => 'Windows Server',
            'template_os_type' => 'windows',
            'template_vmid' => 9000,
            'template_max_ttl_hours' => 0,
            'template_start_after_create' => 0,
            'template_baseline_snapshot' => 0,
            'owner_id' => 7,
            'owner_login' => 'alice',
            'owner_name' => 'Alice',
            'vm_connection' => '',
            'node' => '',
            'vmid' => null,
            'vm_marker' => "nonce{$id}",
            'cpu_cores' => 2,
            'memory_mb' => 2048,
            'disk_gb' => 32,
            'never_expire' => 0,
            'ttl_hours' => 8,
            'expires_at' => null,
            'ip_addresses' => '[]',
            'ip_addresses_updated_at' => null,
            'last_error' => '',
            'task_upid' => '',
            'attempts' => 0,
            'clone_attempts' => 0,
            'waiting_since' => null,
            'retry_at' => null,
            'claimed_until' => null,
            'claim_token' => '',
            'snapshot_job' => null,
            'placement' => '',
            'ram_released' => 0,
            'deleted_at' => null,
            'created_at' => $now,
            'updated_at' => $now,
        ];
        return $id;
    }

    /** @return array<string, int|string|null> the row's columns, for what a record does not show */
    public function row(int $id): array
    {
        return $this->rows[$id] ?? throw new \LogicException("No deployment {$id}.");
    }

    /**
     * Another request changes the row (a user's delete or prolong, an expiry) without a claim.
     *
     * @param array<string, int|string|null> $columns
     */
    public function change(int $id, array $columns): void
    {
        $this->rows[$id] = $columns + $this->row($id);
    }

    /**
     * Something else (a racing request, an expiry) happens right before the next conditional
     * change a request makes: after it read the row and decided.
     */
    public function beforeNextChange(\Closure $meanwhile): void
    {
        $this->meanwhile = $meanwhile;
    }

    /** The deployment is shared with $userId (ShareStore's rows, as the read joins them). */
    public function share(int $id, int $userId): void
    {
        $this->shares[$id][] = $userId;
    }

    public function unshare(int $id, int $userId): void
    {
        $this->shares[$id] = array_values(array_diff($this->shares[$id] ?? [], [$userId]));
    }

    public function find(int $id, int $viewerId = 0): ?DeploymentRecord
    {
        if (!isset($this->rows[$id])) {
            return null;
        }
        $shared = $viewerId > 0 && in_array($viewerId, $this->shares[$id] ?? [], true);
        return DeploymentRecord::fromRow(['shared_with_viewer' => $shared ? 1 : 0] + $this->rows[$id]);
    }

    public function insert(array $fields): int
    {
        return $this->add($fields);
    }

    public function transition(int $id, array $from, Status $to, array $fields = []): bool
    {
        return $this->updateWhere($id, $from, ['status' => $to->value] + $fields);
    }

    public function updateWhere(int $id, array $from, array $fields): bool
    {
        return $this->changeIf($id, $from, $fields, static fn (): bool => true);
    }

    public function beginStep(int $id, array $from, string $step, array $fields): bool
    {
        return $this->changeIf($id, $from, ['step' => $step] + $fields, static fn (array $row): bool => $row['step'] === '');
    }

    public function reExpire(int $id, array $from, ?string $expectedExpiresAt, string $expiresAt, array $fields = []): bool
    {
        return $this->changeIf($id, $from, ['expires_at' => $expiresAt] + $fields, static fn (array $row): bool => $row['expires_at'] === $expectedExpiresAt);
    }

    /**
     * Gives the deployment to $to while $from owns it and it is in one of $statuses (the hand-over's
     * conditional update).
     *
     * @param list<Status> $statuses
     */
    public function changeOwner(int $id, int $from, int $to, array $statuses): bool
    {
        return $this->changeIf($id, $statuses, ['owner_id' => $to], static fn (array $row): bool => (int) $row['owner_id'] === $from);
    }

    /** @return list<array{id: int, status: string}> the owner's deployments not gone, oldest first */
    public function ownedBy(int $ownerId): array
    {
        $owned = array_filter($this->rows, static fn (array $row): bool => (int) $row['owner_id'] === $ownerId && $row['status'] !== Status::DELETED->value);
        ksort($owned);
        return array_values(array_map(static fn (array $row): array => ['id' => (int) $row['id'], 'status' => (string) $row['status']], $owned));
    }

    public function ownerUsage(int $ownerId): array
    {
        $owned = array_filter($this->rows, static fn (array $row): bool => (int) $row['owner_id'] === $ownerId);
        $holdingVm = array_filter($owned, static fn (array $row): bool => Status::from((string) $row['status'])->holdsVm($row['vmid'] !== null));
        return [self::ramOf($owned), count($holdingVm)];
    }

    public function ownerAndSiteUsage(int $ownerId): array
    {
        return [...$this->ownerUsage($ownerId), self::ramOf($this->rows)];
    }

    public function dueIds(\DateTimeImmutable $now, int $limit): array
    {
        $due = array_filter($this->rows, fn (array $row): bool => $this->isDue($row, $now));
        uasort($due, static fn (array $a, array $b): int => strcmp((string) $a['expires_at'], (string) $b['expires_at']));
        return array_slice(array_keys($due), 0, $limit);
    }

    public function expireIfDue(int $id, \DateTimeImmutable $now, string $step): bool
    {
        if (!isset($this->rows[$id]) || !$this->isDue($this->rows[$id], $now)) {
            return false;
        }
        $this->change($id, ['status' => Status::EXPIRED->value, 'step' => $step, 'updated_at' => Time::toDb($now)]);
        return true;
    }

    public function claim(int $id, \DateTimeImmutable $now): ?Claim
    {
        $row = $this->rows[$id] ?? null;
        $at = Time::toDb($now);
        if ($row === null || ($row['claimed_until'] !== null && $row['claimed_until'] >= $at) || ($row['retry_at'] !== null && $row['retry_at'] > $at)) {
            return null;
        }
        $token = 'token-' . ++$this->tokens;
        $this->rows[$id]['claim_token'] = $token;
        $this->rows[$id]['claimed_until'] = self::claimEnd($now);
        return new Claim($id, $token);
    }

    public function updateClaimed(Claim $claim, Status $status, string $step, array $fields, \DateTimeImmutable $now): bool
    {
        $row = $this->rows[$claim->deploymentId] ?? null;
        if ($row === null || $row['status'] !== $status->value || $row['step'] !== $step || $row['claim_token'] !== $claim->token) {
            return false;
        }
        $this->rows[$claim->deploymentId] = ['claimed_until' => self::claimEnd($now), 'updated_at' => Time::toDb($now)] + $fields + $row;
        return true;
    }

    public function release(Claim $claim): void
    {
        if (($this->rows[$claim->deploymentId]['claim_token'] ?? null) === $claim->token) {
            $this->rows[$claim->deploymentId]['claimed_until'] = null;
            $this->rows[$claim->deploymentId]['claim_token'] = '';
        }
    }

    /**
     * @param list<Status> $from
     * @param array<string, int|string|null> $fields
     * @param callable(array<string, int|string|null>): bool $also
     */
    private function changeIf(int $id, array $from, array $fields, callable $also): bool
    {
        $meanwhile = $this->meanwhile;
        $this->meanwhile = null;
        if ($meanwhile !== null) {
            $meanwhile();
        }
        $row = $this->rows[$id] ?? null;
        if ($row === null || !in_array(Status::from((string) $row['status']), $from, true) || !$also($row)) {
            return false;
        }
        $this->rows[$id] = $fields + ['updated_at' => Time::toDb($this->clock->now())] + $row;
        return true;
    }

    /** @param array<int, array<string, int|string|null>> $rows */
    private static function ramOf(array $rows): int
    {
        $counted = array_filter(
            $rows,
            static fn (array $row): bool => Status::from((string) $row['status'])->countsTowardsQuota() && (int) $row['ram_released'] === 0
        );
        return (int) array_sum(array_column($counted, 'memory_mb'));
    }

    /** @param array<string, int|string|null> $row */
    private function isDue(array $row, \DateTimeImmutable $now): bool
    {
        return in_array($row['status'], [Status::STOPPED->value, Status::RUNNING->value], true)
            && (int) $row['never_expire'] === 0
            && $row['expires_at'] !== null
            && $row['expires_at'] <= Time::toDb($now);
    }

    private static function claimEnd(\DateTimeImmutable $now): string
    {
        return Time::toDb($now->modify('+' . DeploymentStore::CLAIM_SECONDS . ' seconds'));
    }
}
