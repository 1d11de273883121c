<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Domain\Status;
use SupportProvisioningPortal\Proxmox\ClientFactory;
use SupportProvisioningPortal\Proxmox\ClusterVm;
use SupportProvisioningPortal\Proxmox\ProxmoxClient;
use SupportProvisioningPortal\Store\DeploymentStore;
use SupportProvisioningPortal\Store\DriftStore;
use SupportProvisioningPortal\Support\Time;

/**
 * Compares the portal's deployments with the cluster (docs/decisions/drift.md): one
 * `/cluster/resources` call lists every VM; a deployment whose VM's name and tags do not show its
 * marker costs one config read (its description may still), at most CONFIG_READS per run.
 *
 * @phpstan-type Change array{field: string, expected: string, actual: string}
 */
final class DriftScan
{
    /** Config reads per run: the rest waits for the next run, which goes on where this one stopped. */
    public const CONFIG_READS = 20;
    /** Findings per run (each reads its deployment): a site whose VMs all vanished is listed in parts. */
    public const MAX_FINDINGS = 100;

    public const GONE = 'vm_gone';
    public const REPLACED = 'vm_replaced';
    public const CHANGED = 'changed';
    public const RUNNING_AFTER_EXPIRY = 'running_after_expiry';

    private int $reads = 0;
    private bool $complete = true;

    public function __construct(private readonly ProxmoxClient $proxmox, private readonly VmLocator $locator)
    {
    }

    public static function current(): self
    {
        $proxmox = ClientFactory::client();
        return new self($proxmox, new VmLocator($proxmox, Connections::current($proxmox)));
    }

    /**
     * Compares the deployments after $afterId (0: from the first) until the end or a bound; the
     * answer's `resumeAfter` is the last deployment compared when a bound stopped it (the next run
     * goes on from there), 0 when it reached the end. Orphans are looked for among all VMs each run.
     *
     * @return array{checkedAt: string, complete: bool, resumeAfter: int, foreignMarkers: int, orphans: list<array<string, mixed>>, deployments: list<array<string, mixed>>}
     * @throws \SupportProvisioningPortal\Proxmox\ProxmoxError when the cluster cannot be listed
     */
    public function run(float $deadline, int $afterId = 0): array
    {
        $vms = [];
        foreach ($this->proxmox->listVms() as $vm) {
            $vms[$vm->vmid] = $vm;
        }
        $deployments = [];
        $owned = [];
        $last = $afterId;
        foreach (DriftStore::atRest($afterId) as $row) {
            if (count($deployments) >= self::MAX_FINDINGS || microtime(true) >= $deadline) {
                $this->complete = false;
                break;
            }
            if ($row['connection'] !== '' && $row['connection'] !== $this->locator->connection()) {
                $last = $row['id'];
                continue;
            }
            $vm = $vms[$row['vmid']] ?? null;
            $finding = $this->check($row, $vm);
            if ($finding === false) {
                // Out of config reads: this deployment is the next run's first.
                $this->complete = false;
                break;
            }
            $last = $row['id'];
            if ($vm !== null && ($finding['kind'] ?? '') !== self::REPLACED) {
                $owned[$vm->vmid] = true;
            }
            if (is_array($finding)) {
                $deployments[] = $finding;
            }
        }
        [$orphans, $foreign] = $this->orphans(array_diff_key($vms, $owned));
        return [
            'checkedAt' => (string) Time::dbToIso(Time::nowDb()),
            'complete' => $this->complete,
            'resumeAfter' => $this->complete ? 0 : $last,
            'foreignMarkers' => $foreign,
            'orphans' => $orphans,
            'deployments' => $deployments,
        ];
    }

    /**
     * Why a VM carrying a record's marker is an orphan: `deleted` or `failed` (adoptable), or
     * `duplicate` (the record lives on with another VM). Null when it is the record's own VM or the
     * record is busy.
     *
     * @param array{status: Status, step: string, nonce: string, vmid: ?int, connection: string} $record
     */
    public static function orphanReason(array $record, int $vmid, string $connection): ?string
    {
        if ($record['step'] !== '' || $record['status']->isBusy()) {
            return null;
        }
        if ($record['status'] === Status::DELETED || $record['status'] === Status::FAILED) {
            return $record['status'] === Status::DELETED ? 'deleted' : 'failed';
        }
        $sameVm = $record['vmid'] === $vmid && in_array($record['connection'], ['', $connection], true);
        return $sameVm ? null : 'duplicate';
    }

    /**
     * The deployment's finding; null when its VM is as recorded; false when proving its VM needs a
     * config read and the run has none left.
     *
     * @param array{id: int, status: Status, vmid: int, node: string, connection: string, nonce: string, memoryMb: int, cores: int} $row
     * @return array<string, mixed>|null|false
     */
    private function check(array $row, ?ClusterVm $vm): array|null|false
    {
        if ($vm === null) {
            return self::finding($row['id'], self::GONE, $row['vmid'], $row['node']);
        }
        if (!VmMarker::of($row['id'], $row['nonce'])->isCarriedBy($vm->facts())) {
            // Name and tags changed: only the description (in the config) can still prove it.
            if ($this->reads >= self::CONFIG_READS) {
                $this->complete = false;
                return false;
            }
            $this->reads++;
            $record = DeploymentStore::find($row['id']);
            if ($record === null || !$this->locator->locate($record)->isOwned()) {
                return self::finding($row['id'], self::REPLACED, $vm->vmid, $vm->node);
            }
        }
        if ($row['status'] === Status::EXPIRED && $vm->running) {
            return self::finding($row['id'], self::RUNNING_AFTER_EXPIRY, $vm->vmid, $vm->node);
        }
        $changes = self::changes($row, $vm);
        return $changes === [] ? null : self::finding($row['id'], self::CHANGED, $vm->vmid, $vm->node, $changes);
    }

    /**
     * What differs from the record: memory, cores, and a name that no longer starts with the marker.
     *
     * @param array{id: int, nonce: string, memoryMb: int, cores: int} $row
     * @return list<Change>
     */
    public static function changes(array $row, ClusterVm $vm): array
    {
        $changes = [];
        if ($vm->memoryMb !== $row['memoryMb']) {
            $changes[] = ['field' => 'memory', 'expected' => (string) $row['memoryMb'], 'actual' => (string) $vm->memoryMb];
        }
        if ($vm->cores !== $row['cores']) {
            $changes[] = ['field' => 'cores', 'expected' => (string) $row['cores'], 'actual' => (string) $vm->cores];
        }
        $marker = VmMarker::of($row['id'], $row['nonce'])->value();
        if ($vm->name !== $marker && !str_starts_with($vm->name, $marker . '-')) {
            $record = DeploymentStore::find($row['id']);
            $changes[] = ['field' => 'name', 'expected' => $record === null ? $marker : VmNaming::vmName($record), 'actual' => $vm->name];
        }
        return $changes;
    }

    /**
     * @param list<Change> $changes
     * @return array<string, mixed>
     */
    private static function finding(int $id, string $kind, int $vmid, string $node, array $changes = []): array
    {
        $record = DeploymentStore::find($id);
        return [
            'id' => $id,
            'name' => $record?->name ?? '',
            'ownerLogin' => $record?->ownerLogin ?? '',
            'status' => $record?->status->value ?? '',
            'vmid' => $vmid,
            'node' => $node,
            'kind' => $kind,
            'changes' => $changes,
        ];
    }

    /**
     * VMs carrying a marker of one of this site's records that has no such live deployment, and how
     * many VMs carry only markers this site never issued (another portal site's, or made up).
     *
     * @param array<int, ClusterVm> $vms the VMs no deployment at rest was proven to own
     * @return array{0: list<array<string, mixed>>, 1: int}
     */
    private function orphans(array $vms): array
    {
        $marked = array_filter(array_map([VmMarker::class, 'carriedBy'], $vms));
        $ids = [];
        foreach ($marked as $markers) {
            foreach ($markers as $marker) {
                $ids[$marker->deploymentId()] = $marker->deploymentId();
            }
        }
        $records = DriftStore::markedRecords(array_values($ids));
        $orphans = [];
        $foreign = 0;
        foreach ($marked as $vmid => $markers) {
            $ours = array_filter($markers, static fn (VmMarker $m): bool => ($records[$m->deploymentId()]['nonce'] ?? null) === $m->nonce());
            if ($ours === []) {
                $foreign++;
                continue;
            }
            $marker = reset($ours);
            $reason = self::orphanReason($records[$marker->deploymentId()], $vmid, $this->locator->connection());
            if ($reason !== null) {
                $orphans[] = self::orphan($vms[$vmid], $marker, $reason);
            }
        }
        return [$orphans, $foreign];
    }

    /** @return array<string, mixed> */
    private static function orphan(ClusterVm $vm, VmMarker $marker, string $reason): array
    {
        return [
            'vmid' => $vm->vmid,
            'node' => $vm->node,
            'name' => $vm->name,
            'marker' => $marker->value(),
            'deploymentId' => $marker->deploymentId(),
            'running' => $vm->running,
            'memoryMb' => $vm->memoryMb,
            'cores' => $vm->cores,
            'reason' => $reason,
            'adoptable' => $reason !== 'duplicate',
        ];
    }
}
