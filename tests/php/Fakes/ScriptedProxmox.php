<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\Fakes;

use SupportProvisioningPortal\Proxmox\CloneSource;
use SupportProvisioningPortal\Proxmox\IpLookup;
use SupportProvisioningPortal\Proxmox\ProxmoxClient;
use SupportProvisioningPortal\Proxmox\ProxmoxError;
use SupportProvisioningPortal\Proxmox\SnapshotInfo;
use SupportProvisioningPortal\Proxmox\TaskStatus;
use SupportProvisioningPortal\Proxmox\TemplateInfo;
use SupportProvisioningPortal\Proxmox\VmFacts;
use SupportProvisioningPortal\Proxmox\VmRef;

/**
 * A cluster in memory whose tasks run until the test ends them, that fails the calls and tasks it
 * is told to, and that keeps every call that changes a VM. Its rules follow qemu-server as
 * MockProxmox does: a clone's config exists (locked, unnamed) from its POST, a locked VM refuses
 * changes with `VM is locked (<lock>)`, a failed clone task removes its VM, a running or protected
 * VM cannot be destroyed, a change with a stale digest is refused.
 */
final class ScriptedProxmox implements ProxmoxClient
{
    /** @var array<int, array{node: string, name: string, description: string, tags: list<string>, lock: ?string, protected: bool, status: string, snapshots: list<string>, digest: int}> */
    public array $vms = [];
    /** @var list<string> every call that changes something: "<method> <vmid>" */
    public array $changes = [];
    /** @var array<string, array{type: string, running: bool, exit: string, ok: ?\Closure, failed: ?\Closure}> */
    private array $tasks = [];
    /** @var array<string, list<ProxmoxError>> method => what its next calls throw */
    private array $failures = [];
    /** @var array<string, list<string>> task type => exit statuses of its next tasks */
    private array $exits = [];
    /** @var list<int> */
    private array $offers = [];
    /** @var array<int, list<string>> vmid => the addresses its guest agent reports */
    private array $addresses = [];
    /** After how many polls of its status a task ends, as a start or stop a web request waits for does; null: never. */
    private ?int $endAfterPolls = null;
    /** @var array<string, int> upid => how often its status was asked */
    private array $polls = [];
    private int $upids = 0;

    public function __construct(private readonly string $node = 'pve1')
    {
    }

    // Scripting.

    /** The next call of $method throws $error (a message, or an error with its kind). */
    public function failNext(string $method, ProxmoxError|string $error): void
    {
        $this->failures[$method][] = is_string($error) ? new ProxmoxError($error) : $error;
    }

    public static function unreachable(): ProxmoxError
    {
        return new ProxmoxError('Proxmox did not answer (connection timed out)', ProxmoxError::UNREACHABLE);
    }

    /** The next task of $type (qmclone, qmstart, qmstop, qmdestroy, qmsnapshot, qmrollback, qmdelsnapshot) ends with $exit. */
    public function endNextTask(string $type, string $exit): void
    {
        $this->exits[$type][] = $exit;
    }

    /** nextid offers these VMIDs first, as when another tool asked at the same moment. */
    public function offerVmids(int ...$vmids): void
    {
        array_push($this->offers, ...$vmids);
    }

    /**
     * A VM the portal did not make (or one whose config a test changes).
     *
     * @param array{node?: string, name?: string, description?: string, tags?: list<string>, lock?: ?string, protected?: bool, status?: string, snapshots?: list<string>} $config
     */
    public function putVm(int $vmid, array $config): void
    {
        $this->vms[$vmid] = $config + ($this->vms[$vmid] ?? [
            'node' => $this->node, 'name' => '', 'description' => '', 'tags' => [], 'lock' => null,
            'protected' => false, 'status' => 'stopped', 'snapshots' => [], 'digest' => 1,
        ]);
        $this->vms[$vmid]['digest']++;
    }

    /** Every running task ends: as scripted, else OK. */
    public function finishTasks(): void
    {
        foreach ($this->tasks as $upid => $task) {
            if (!$task['running']) {
                continue;
            }
            $exit = ($this->exits[$task['type']] ?? []) === [] ? 'OK' : array_shift($this->exits[$task['type']]);
            $this->tasks[$upid] = ['running' => false, 'exit' => $exit] + $task;
            $effect = (new TaskStatus(false, $exit))->succeeded() ? $task['ok'] : $task['failed'];
            if ($effect !== null) {
                $effect();
            }
        }
    }

    /** From now on every task ends (as scripted, else OK) when its status is asked the $polls-th time. */
    public function endTasksWhenPolled(int $polls = 1): void
    {
        $this->endAfterPolls = $polls;
    }

    /** From now on tasks run until finishTasks(), however often they are polled. */
    public function keepTasksRunning(): void
    {
        $this->endAfterPolls = null;
    }

    /** The guest agent of VM $vmid reports these addresses. */
    public function reportAddresses(int $vmid, string ...$addresses): void
    {
        $this->addresses[$vmid] = array_values($addresses);
    }

    /** Proxmox no longer knows the task (a node restarted, its log was rotated). */
    public function forgetTask(string $upid): void
    {
        unset($this->tasks[$upid]);
    }

    /** @return list<string> the types of the tasks still running */
    public function runningTasks(): array
    {
        return array_values(array_map(
            static fn (array $task): string => $task['type'],
            array_filter($this->tasks, static fn (array $task): bool => $task['running'])
        ));
    }

    /** @return list<string> the changing calls VM $vmid received */
    public function changesTo(int $vmid): array
    {
        $calls = array_filter($this->changes, static fn (string $call): bool => str_ends_with($call, " {$vmid}"));
        return array_values(array_map(static fn (string $call): string => strtok($call, ' '), $calls));
    }

    // ProxmoxClient.

    public function node(): string
    {
        return $this->node;
    }

    public function identity(): string
    {
        $this->scripted(__FUNCTION__);
        return 'pve-cluster:lab';
    }

    public function nextVmid(): int
    {
        $this->scripted(__FUNCTION__);
        return array_shift($this->offers) ?? max([99, ...array_keys($this->vms)]) + 1;
    }

    public function cloneTemplate(CloneSource $source, int $newVmid, string $name, string $description): string
    {
        $this->change(__FUNCTION__, $newVmid);
        if (isset($this->vms[$newVmid])) {
            throw ProxmoxError::vmidTaken($newVmid);
        }
        // create_and_lock_config: the VM exists at once, locked and unnamed, until the task copies the disks.
        $this->putVm($newVmid, ['node' => $source->target ?: $source->node, 'lock' => 'clone']);
        return $this->task('qmclone', $newVmid, function () use ($newVmid, $name, $description): void {
            $this->putVm($newVmid, ['name' => $name, 'description' => $description, 'lock' => null]);
        }, function () use ($newVmid): void {
            unset($this->vms[$newVmid]);
        });
    }

    public function clusterNodes(): array
    {
        $this->scripted(__FUNCTION__);
        return [];
    }

    public function taskStatus(string $upid): TaskStatus
    {
        $this->scripted(__FUNCTION__);
        $this->polls[$upid] = ($this->polls[$upid] ?? 0) + 1;
        if ($this->endAfterPolls !== null && $this->polls[$upid] >= $this->endAfterPolls) {
            $this->finishTasks();
        }
        $task = $this->tasks[$upid] ?? throw new ProxmoxError('no such task');
        return new TaskStatus($task['running'], $task['exit']);
    }

    public function vmFacts(VmRef $vm): ?VmFacts
    {
        $this->scripted(__FUNCTION__);
        $config = $this->vms[$vm->vmid] ?? null;
        if ($config === null || $config['node'] !== $vm->node) {
            return null;
        }
        return new VmFacts($config['name'], $config['description'], $config['tags'], $config['lock'], $config['protected'], (string) $config['digest']);
    }

    public function findVmNode(int $vmid): ?string
    {
        $this->scripted(__FUNCTION__);
        return $this->vms[$vmid]['node'] ?? null;
    }

    public function listVms(): array
    {
        throw new \LogicException('The worker does not list the cluster (the drift check does).');
    }

    public function applySize(VmRef $vm, int $cores, int $memoryMb, string $name, string $digest): void
    {
        throw new \LogicException('The worker does not re-apply sizes (the drift check does).');
    }

    public function configure(VmRef $vm, int $cores, int $memoryMb, string $description, array $tags, string $digest): void
    {
        $this->unlocked(__FUNCTION__, $vm, $digest);
        $this->putVm($vm->vmid, ['description' => $description, 'tags' => $tags]);
    }

    public function setProtection(VmRef $vm, bool $protected, string $digest): void
    {
        $this->unlocked(__FUNCTION__, $vm, $digest);
        $this->putVm($vm->vmid, ['protected' => $protected]);
    }

    public function start(VmRef $vm): string
    {
        $this->unlocked(__FUNCTION__, $vm);
        return $this->task('qmstart', $vm->vmid, fn () => $this->putVm($vm->vmid, ['status' => 'running']));
    }

    public function stop(VmRef $vm): string
    {
        $this->unlocked(__FUNCTION__, $vm);
        return $this->task('qmstop', $vm->vmid, fn () => $this->putVm($vm->vmid, ['status' => 'stopped']));
    }

    public function destroy(VmRef $vm): string
    {
        $config = $this->unlocked(__FUNCTION__, $vm);
        if ($config['status'] === 'running') {
            throw new ProxmoxError(sprintf('VM %d is running - destroy failed', $vm->vmid));
        }
        if ($config['protected']) {
            throw new ProxmoxError(sprintf("can't remove VM %d - protection mode enabled", $vm->vmid));
        }
        return $this->task('qmdestroy', $vm->vmid, function () use ($vm): void {
            unset($this->vms[$vm->vmid]);
        });
    }

    public function vmStatus(VmRef $vm): ?string
    {
        $this->scripted(__FUNCTION__);
        $config = $this->vms[$vm->vmid] ?? null;
        return $config !== null && $config['node'] === $vm->node ? $config['status'] : null;
    }

    public function ipAddresses(VmRef $vm): IpLookup
    {
        $this->scripted(__FUNCTION__);
        $addresses = $this->addresses[$vm->vmid] ?? [];
        return new IpLookup($addresses, $addresses === [] ? 'The guest agent reports no address yet.' : '');
    }

    public function snapshots(VmRef $vm): array
    {
        $this->scripted(__FUNCTION__);
        return array_map(static fn (string $name): SnapshotInfo => new SnapshotInfo($name, '', 0, false), $this->vms[$vm->vmid]['snapshots'] ?? []);
    }

    public function createSnapshot(VmRef $vm, string $name, string $description, bool $vmstate): string
    {
        $this->unlocked(__FUNCTION__, $vm);
        return $this->task('qmsnapshot', $vm->vmid, function () use ($vm, $name): void {
            $this->putVm($vm->vmid, ['snapshots' => [...$this->vms[$vm->vmid]['snapshots'], $name]]);
        });
    }

    public function rollbackSnapshot(VmRef $vm, string $name, bool $start): string
    {
        $this->unlocked(__FUNCTION__, $vm);
        return $this->task('qmrollback', $vm->vmid, fn () => $this->putVm($vm->vmid, ['status' => $start ? 'running' : 'stopped']));
    }

    public function deleteSnapshot(VmRef $vm, string $name): string
    {
        $this->unlocked(__FUNCTION__, $vm);
        return $this->task('qmdelsnapshot', $vm->vmid, function () use ($vm, $name): void {
            $this->putVm($vm->vmid, ['snapshots' => array_values(array_diff($this->vms[$vm->vmid]['snapshots'], [$name]))]);
        });
    }

    public function listTemplates(): array
    {
        throw new \LogicException('The worker does not list templates.');
    }

    public function templateInfo(int $vmid, string $node = ''): TemplateInfo
    {
        throw new \LogicException('The worker does not read templates.');
    }

    public function testConnection(array $templateVmids, bool $snapshots = false): array
    {
        throw new \LogicException('The worker does not test connections.');
    }

    // Rules.

    private function scripted(string $method): void
    {
        if (($this->failures[$method] ?? []) !== []) {
            throw array_shift($this->failures[$method]);
        }
    }

    private function change(string $method, int $vmid): void
    {
        $this->changes[] = "{$method} {$vmid}";
        $this->scripted($method);
    }

    /** @return array{node: string, name: string, description: string, tags: list<string>, lock: ?string, protected: bool, status: string, snapshots: list<string>, digest: int} */
    private function unlocked(string $method, VmRef $vm, ?string $digest = null): array
    {
        $this->change($method, $vm->vmid);
        $config = $this->vms[$vm->vmid] ?? null;
        if ($config === null || $config['node'] !== $vm->node) {
            throw ProxmoxError::vmMissing($vm->vmid, $vm->node);
        }
        if ($config['lock'] !== null) {
            throw new ProxmoxError("VM is locked ({$config['lock']})");
        }
        if ($digest !== null && $digest !== (string) $config['digest']) {
            throw new ProxmoxError('detected modified configuration - file changed by other user? Try again.');
        }
        return $config;
    }

    private function task(string $type, int $vmid, ?\Closure $ok, ?\Closure $failed = null): string
    {
        $upid = sprintf('UPID:%s:%08X:%s:%d:root@pam:', $this->node, ++$this->upids, $type, $vmid);
        $this->tasks[$upid] = ['type' => $type, 'running' => true, 'exit' => '', 'ok' => $ok, 'failed' => $failed];
        return $upid;
    }
}
