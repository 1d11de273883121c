<?php

declare(strict_types=1);

// phpcs:disable WordPress.Security.EscapeOutput.ExceptionNotEscaped -- messages leave as REST JSON or stored text, never as HTML (docs/decisions/php-coding-standard.md)
// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.NotPrepared, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- the plugin's own tables; table names come from Tables (constants), every value goes through $wpdb->prepare() (WordPress 6.1 has no %i)

namespace SupportProvisioningPortal\Proxmox;

use SupportProvisioningPortal\Store\Tables;
use SupportProvisioningPortal\Support\Time;

/**
 * A Proxmox node simulated in the site's database: VMs remember their state, tasks take a little
 * time (SPP_MOCK_CLONE_SECONDS, SPP_MOCK_TASK_SECONDS) so PROVISIONING and DELETING can be seen,
 * and running VMs report documentation-range IP addresses derived from their VMID.
 */
final class MockProxmox implements ProxmoxClient
{
    /** Test sites' injected failures; see faultMessage(). */
    public const FAULTS_OPTION = 'spp_mock_faults';
    private const FIRST_VMID = 100;
    private const USER = 'portal@pve!mock';

    public function __construct(private readonly string $node)
    {
    }

    public function node(): string
    {
        return $this->node;
    }

    public function identity(): string
    {
        return 'mock';
    }

    public function nextVmid(): int
    {
        global $wpdb;
        $max = (int) $wpdb->get_var($wpdb->prepare(
            'SELECT MAX(vmid) FROM ' . Tables::name(Tables::MOCK_VMS) . ' WHERE vmid < %d',
            min(array_keys(MockCatalog::templates()))
        ));
        return max(self::FIRST_VMID, $max + 1);
    }

    public function cloneTemplate(CloneSource $source, int $newVmid, string $name, string $description): string
    {
        $templateVmid = $source->vmid;
        $this->templateInfo($templateVmid);
        if (isset(MockCatalog::templates()[$newVmid]) || $this->row($newVmid) !== null) {
            throw ProxmoxError::vmidTaken($newVmid);
        }
        $this->fault('clone');
        $seconds = self::seconds('SPP_MOCK_CLONE_SECONDS', 4);
        $taskFailure = $this->faultMessage('clone_task');
        if ($taskFailure !== null) {
            // Proxmox removes the half-made VM of a failed clone itself.
            return $this->task('qmclone', $templateVmid, $seconds, $taskFailure);
        }
        global $wpdb;
        $inserted = $wpdb->query($wpdb->prepare(
            'INSERT IGNORE INTO ' . Tables::name(Tables::MOCK_VMS)
            . ' (vmid, name, template_vmid, status, description, locked_until) VALUES (%d, %s, %d, %s, %s, %s)',
            $newVmid,
            $name,
            $templateVmid,
            'stopped',
            $description,
            Time::toDb(Time::now()->modify("+{$seconds} seconds"))
        ));
        if ($inserted !== 1) {
            throw ProxmoxError::vmidTaken($newVmid);
        }
        return $this->task('qmclone', $templateVmid, $seconds);
    }

    public function taskStatus(string $upid): TaskStatus
    {
        global $wpdb;
        $task = $wpdb->get_row($wpdb->prepare(
            'SELECT ends_at, exit_status FROM ' . Tables::name(Tables::MOCK_TASKS) . ' WHERE upid = %s',
            $upid
        ));
        if ($task === null) {
            throw new ProxmoxError('no such task');
        }
        return $task->ends_at > Time::nowDb() ? new TaskStatus(true) : new TaskStatus(false, $task->exit_status);
    }

    public function vmFacts(VmRef $vm): ?VmFacts
    {
        $row = $this->row($vm->vmid);
        if ($row === null) {
            return null;
        }
        return VmFacts::fromConfig([
            'name' => $row->name,
            'description' => $row->description,
            'tags' => $row->tags,
            'lock' => $row->locked_until !== null && $row->locked_until > Time::nowDb() ? 'clone' : '',
            'protection' => (int) $row->protected,
        ]);
    }

    public function findVmNode(int $vmid): ?string
    {
        return $this->row($vmid) === null ? null : $this->node;
    }

    public function listVms(): array
    {
        global $wpdb;
        $vms = [];
        foreach ($wpdb->get_results('SELECT vmid, name, tags, status, memory_mb, cores FROM ' . Tables::name(Tables::MOCK_VMS) . ' ORDER BY vmid') as $row) {
            $vms[] = new ClusterVm(
                (int) $row->vmid,
                $this->node,
                (string) $row->name,
                ClusterVm::splitTags((string) $row->tags),
                $row->status === 'running',
                (int) $row->memory_mb,
                (int) $row->cores
            );
        }
        return $vms;
    }

    public function applySize(VmRef $vm, int $cores, int $memoryMb, string $name, string $digest): void
    {
        $this->requireUnlocked($vm->vmid);
        $this->updateVm($vm->vmid, ['cores' => $cores, 'memory_mb' => $memoryMb, 'name' => $name]);
    }

    public function configure(VmRef $vm, int $cores, int $memoryMb, string $description, array $tags, string $digest): void
    {
        $vmid = $vm->vmid;
        $this->requireUnlocked($vmid);
        $this->fault('configure');
        $this->updateVm($vmid, ['cores' => $cores, 'memory_mb' => $memoryMb, 'description' => $description, 'tags' => implode(';', $tags)]);
    }

    public function setProtection(VmRef $vm, bool $protected, string $digest): void
    {
        $this->requireVm($vm->vmid);
        $this->updateVm($vm->vmid, ['protected' => $protected ? 1 : 0]);
    }

    public function start(VmRef $vm): string
    {
        $vmid = $vm->vmid;
        $this->requireUnlocked($vmid);
        $this->fault('start');
        $this->updateVm($vmid, ['status' => 'running', 'started_at' => Time::nowDb()]);
        return $this->task('qmstart', $vmid, self::seconds('SPP_MOCK_TASK_SECONDS', 1));
    }

    public function stop(VmRef $vm): string
    {
        $vmid = $vm->vmid;
        $this->requireVm($vmid);
        $this->fault('stop');
        $this->updateVm($vmid, ['status' => 'stopped', 'started_at' => null]);
        return $this->task('qmstop', $vmid, self::seconds('SPP_MOCK_TASK_SECONDS', 1));
    }

    public function destroy(VmRef $ref): string
    {
        $vmid = $ref->vmid;
        $vm = $this->requireUnlocked($vmid);
        if ($vm->status === 'running') {
            throw new ProxmoxError(sprintf('VM %d is running - destroy failed', $vmid));
        }
        if ((int) $vm->protected === 1) {
            throw new ProxmoxError(sprintf("can't remove VM %d - protection mode enabled", $vmid));
        }
        $this->fault('destroy');
        global $wpdb;
        $wpdb->delete(Tables::name(Tables::MOCK_VMS), ['vmid' => $vmid]);
        $wpdb->delete(Tables::name(Tables::MOCK_SNAPSHOTS), ['vmid' => $vmid]);
        return $this->task('qmdestroy', $vmid, self::seconds('SPP_MOCK_TASK_SECONDS', 1));
    }

    public function vmStatus(VmRef $vm): ?string
    {
        return $this->row($vm->vmid)?->status;
    }

    public function ipAddresses(VmRef $ref): IpLookup
    {
        $this->fault('ipAddresses');
        $vmid = $ref->vmid;
        $vm = $this->requireVm($vmid);
        if ($vm->status !== 'running') {
            return new IpLookup([], 'The VM is not running.');
        }
        // Documentation ranges only (RFC 5737, RFC 3849): never a real network.
        return new IpLookup([
            sprintf('192.0.2.%d', $vmid % 254 + 1),
            sprintf('2001:db8::%x', $vmid),
        ]);
    }

    public function snapshots(VmRef $vm): array
    {
        global $wpdb;
        $this->requireVm($vm->vmid);
        $rows = $wpdb->get_results($wpdb->prepare(
            'SELECT name, description, snaptime, vmstate FROM ' . Tables::name(Tables::MOCK_SNAPSHOTS) . ' WHERE vmid = %d',
            $vm->vmid
        ), ARRAY_A);
        return SnapshotInfo::listFrom($rows);
    }

    /** Like qemu-server: the reserved names fail the call, everything else fails the task. */
    public function createSnapshot(VmRef $vm, string $name, string $description, bool $vmstate): string
    {
        $row = $this->requireVm($vm->vmid);
        if (in_array(strtolower($name), ['current', 'pending'], true)) {
            throw new ProxmoxError(sprintf("unable to use snapshot name '%s' (reserved name)", $name));
        }
        $this->fault('snapshot');
        $this->requireUnlocked($vm->vmid);
        $failure = $this->faultMessage('snapshot_task')
            ?? ($this->snapshotRow($vm->vmid, $name) !== null ? sprintf("snapshot name '%s' already used", $name) : null);
        if ($failure === null) {
            global $wpdb;
            $wpdb->insert(Tables::name(Tables::MOCK_SNAPSHOTS), [
                'vmid' => $vm->vmid,
                'name' => $name,
                'description' => $description,
                'snaptime' => Time::now()->getTimestamp(),
                'vmstate' => $vmstate && $row->status === 'running' ? 1 : 0,
                'config' => (string) wp_json_encode(['cores' => (int) $row->cores, 'memory_mb' => (int) $row->memory_mb, 'tags' => $row->tags]),
            ]);
        }
        return $this->task('qmsnapshot', $vm->vmid, self::seconds('SPP_MOCK_TASK_SECONDS', 1), $failure);
    }

    /**
     * The VM is stopped, its config becomes the snapshot's but keeps its description (qemu-server's
     * __snapshot_apply_config); it runs afterwards when asked to or when the snapshot has RAM.
     */
    public function rollbackSnapshot(VmRef $vm, string $name, bool $start): string
    {
        $this->requireVm($vm->vmid);
        $this->fault('rollback');
        $this->requireUnlocked($vm->vmid);
        $snapshot = $this->snapshotRow($vm->vmid, $name);
        $failure = $this->faultMessage('rollback_task') ?? ($snapshot === null ? sprintf("snapshot '%s' does not exist", $name) : null);
        if ($failure === null) {
            $config = json_decode((string) $snapshot->config, true);
            $running = $start || (int) $snapshot->vmstate === 1;
            $this->updateVm($vm->vmid, array_intersect_key(is_array($config) ? $config : [], array_flip(['cores', 'memory_mb', 'tags'])) + [
                'status' => $running ? 'running' : 'stopped',
                'started_at' => $running ? Time::nowDb() : null,
            ]);
        }
        return $this->task('qmrollback', $vm->vmid, self::seconds('SPP_MOCK_TASK_SECONDS', 1), $failure);
    }

    public function deleteSnapshot(VmRef $vm, string $name): string
    {
        $this->requireVm($vm->vmid);
        $this->fault('delsnapshot');
        $this->requireUnlocked($vm->vmid);
        $failure = $this->faultMessage('delsnapshot_task') ?? ($this->snapshotRow($vm->vmid, $name) === null ? sprintf("snapshot '%s' does not exist", $name) : null);
        if ($failure === null) {
            global $wpdb;
            $wpdb->delete(Tables::name(Tables::MOCK_SNAPSHOTS), ['vmid' => $vm->vmid, 'name' => $name]);
        }
        return $this->task('qmdelsnapshot', $vm->vmid, self::seconds('SPP_MOCK_TASK_SECONDS', 1), $failure);
    }

    public function listTemplates(): array
    {
        return array_values(MockCatalog::templates());
    }

    public function templateInfo(int $vmid, string $node = ''): TemplateInfo
    {
        return MockCatalog::templates()[$vmid] ?? throw new ProxmoxError(
            sprintf("unable to find configuration file for VM %d on node '%s'", $vmid, $this->node)
        );
    }

    /** No figures: the mock is one node, so there is nothing to place (Service\Placement). */
    public function clusterNodes(): array
    {
        return [];
    }

    public function testConnection(array $templateVmids, bool $snapshots = false): array
    {
        return [new ConnectionCheck('mode', true, __('Mock mode: a simulated node inside WordPress; no Proxmox cluster is contacted.', 'support-provisioning-portal'))];
    }

    private function row(int $vmid): ?object
    {
        global $wpdb;
        return $wpdb->get_row($wpdb->prepare('SELECT * FROM ' . Tables::name(Tables::MOCK_VMS) . ' WHERE vmid = %d', $vmid));
    }

    private function snapshotRow(int $vmid, string $name): ?object
    {
        global $wpdb;
        return $wpdb->get_row($wpdb->prepare(
            'SELECT * FROM ' . Tables::name(Tables::MOCK_SNAPSHOTS) . ' WHERE vmid = %d AND name = %s',
            $vmid,
            $name
        ));
    }

    private function requireVm(int $vmid): object
    {
        return $this->row($vmid) ?? throw ProxmoxError::vmMissing($vmid, $this->node);
    }

    private function requireUnlocked(int $vmid): object
    {
        $vm = $this->requireVm($vmid);
        if ($vm->locked_until !== null && $vm->locked_until > Time::nowDb()) {
            throw new ProxmoxError('VM is locked (clone)');
        }
        return $vm;
    }

    /** @param array<string, int|string|null> $fields */
    private function updateVm(int $vmid, array $fields): void
    {
        global $wpdb;
        $wpdb->update(Tables::name(Tables::MOCK_VMS), $fields, ['vmid' => $vmid]);
    }

    private function task(string $type, int $id, int $seconds, ?string $failure = null): string
    {
        global $wpdb;
        $now = Time::now();
        $upid = sprintf(
            'UPID:%s:%08X:%08X:%08X:%s:%d:%s:',
            $this->node,
            random_int(0x1000, 0xFFFFFF),
            random_int(0x1000, 0xFFFFFF),
            $now->getTimestamp(),
            $type,
            $id,
            self::USER
        );
        $wpdb->insert(Tables::name(Tables::MOCK_TASKS), [
            'upid' => $upid,
            'ends_at' => Time::toDb($now->modify("+{$seconds} seconds")),
            'exit_status' => $failure ?? 'OK',
        ]);
        return $upid;
    }

    private static function seconds(string $constant, int $default): int
    {
        return defined($constant) ? max(0, (int) constant($constant)) : $default;
    }

    /**
     * Test sites (SPP_MOCK_FAULTS enabled in wp-config) can make an operation fail by writing
     * {operation: message} into the spp_mock_faults option. Production never reads it.
     */
    private function faultMessage(string $operation): ?string
    {
        if (!defined('SPP_MOCK_FAULTS') || !constant('SPP_MOCK_FAULTS')) {
            return null;
        }
        wp_cache_delete(self::FAULTS_OPTION, 'options');
        $faults = get_option(self::FAULTS_OPTION, []);
        return is_array($faults) && isset($faults[$operation]) ? (string) $faults[$operation] : null;
    }

    private function fault(string $operation): void
    {
        $message = $this->faultMessage($operation);
        if ($message !== null) {
            throw new ProxmoxError($message);
        }
    }
}
