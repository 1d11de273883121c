<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Store;

use SupportProvisioningPortal\Domain\ConnectionProfile;
use SupportProvisioningPortal\Domain\SnapshotJob;
use SupportProvisioningPortal\Domain\Status;
use SupportProvisioningPortal\Domain\TicketFields;

/**
 * One deployment row with its template and owner, as the services read it.
 */
final class DeploymentRecord
{
    /** @param list<string> $ipAddresses */
    public function __construct(
        public readonly int $id,
        public readonly string $name,
        public readonly Status $status,
        public readonly string $step,
        public readonly int $templateId,
        public readonly string $templateName,
        public readonly string $osType,
        public readonly int $templateVmid,
        public readonly int $maxTtlHours,
        public readonly bool $startAfterCreate,
        public readonly int $ownerId,
        public readonly string $ownerLogin,
        public readonly string $ownerName,
        public readonly string $connection,
        public readonly string $node,
        public readonly ?int $vmid,
        public readonly string $vmMarker,
        public readonly int $cpuCores,
        public readonly int $memoryMb,
        public readonly int $diskGb,
        public readonly bool $neverExpire,
        public readonly ?int $ttlHours,
        public readonly ?string $expiresAt,
        public readonly array $ipAddresses,
        public readonly ?string $ipAddressesUpdatedAt,
        public readonly string $lastError,
        public readonly string $taskUpid,
        public readonly int $attempts,
        public readonly int $cloneAttempts,
        public readonly ?string $waitingSince,
        public readonly string $createdAt,
        public readonly string $updatedAt,
        public readonly bool $sharedWithViewer,
        public readonly TicketFields $ticket = new TicketFields(),
        public readonly ?ConnectionProfile $connectionProfile = null,
        public readonly bool $templateRequiresTicketRef = false,
        public readonly bool $templateBaselineSnapshot = false,
        public readonly ?SnapshotJob $snapshotJob = null,
        public readonly int $templateMaxLifetimeHours = 0,
        /** Where placement put the VM and why: JSON from Service\Placement, '' before placement. */
        public readonly string $placement = '',
    ) {
    }

    /** @param array<string, mixed> $row */
    public static function fromRow(array $row): self
    {
        // Most rows hold no addresses, no case fields and no snapshot work: nothing to decode or build for them.
        $ips = $row['ip_addresses'] === '[]' ? [] : json_decode((string) ($row['ip_addresses'] ?: '[]'), true);
        $ticketRef = (string) ($row['ticket_ref'] ?? '');
        $customer = (string) ($row['customer'] ?? '');
        $purpose = (string) ($row['purpose'] ?? '');
        return new self(
            (int) $row['id'],
            (string) $row['name'],
            Status::from((string) $row['status']),
            (string) $row['step'],
            (int) $row['template_id'],
            (string) ($row['template_name'] ?? ''),
            (string) ($row['template_os_type'] ?? ''),
            (int) ($row['template_vmid'] ?? 0),
            (int) ($row['template_max_ttl_hours'] ?? 0),
            (bool) ($row['template_start_after_create'] ?? false),
            (int) $row['owner_id'],
            (string) ($row['owner_login'] ?? ''),
            (string) ($row['owner_name'] ?? ''),
            (string) $row['vm_connection'],
            (string) $row['node'],
            $row['vmid'] === null ? null : (int) $row['vmid'],
            (string) $row['vm_marker'],
            (int) $row['cpu_cores'],
            (int) $row['memory_mb'],
            (int) $row['disk_gb'],
            (bool) $row['never_expire'],
            $row['ttl_hours'] === null ? null : (int) $row['ttl_hours'],
            $row['expires_at'],
            is_array($ips) ? array_values(array_map('strval', $ips)) : [],
            $row['ip_addresses_updated_at'],
            (string) $row['last_error'],
            (string) $row['task_upid'],
            (int) $row['attempts'],
            (int) $row['clone_attempts'],
            $row['waiting_since'],
            (string) $row['created_at'],
            (string) $row['updated_at'],
            (bool) ($row['shared_with_viewer'] ?? false),
            $ticketRef === '' && $customer === '' && $purpose === '' ? self::noTicket() : new TicketFields($ticketRef, $customer, $purpose),
            ConnectionProfile::fromJson($row['template_connection_profile'] ?? null),
            (bool) ($row['template_require_ticket_ref'] ?? false),
            (bool) ($row['template_baseline_snapshot'] ?? false),
            isset($row['snapshot_job']) ? SnapshotJob::fromJson($row['snapshot_job']) : null,
            (int) ($row['template_max_lifetime_hours'] ?? 0),
            (string) ($row['placement'] ?? ''),
        );
    }

    /** Whether it has expired by $nowDb (a DATETIME: a list asks for every row). */
    public function isDueBy(string $nowDb): bool
    {
        return !$this->neverExpire
            && in_array($this->status, [Status::STOPPED, Status::RUNNING], true)
            && $this->expiresAt !== null
            && $this->expiresAt <= $nowDb;
    }

    /** The case fields of a row without any: immutable, so one serves every such row. */
    private static function noTicket(): TicketFields
    {
        static $none = null;
        return $none ??= new TicketFields();
    }

    /** Work in flight (a provisioning, deletion, expiry or clean-up step). */
    public function hasPendingStep(): bool
    {
        return $this->step !== '';
    }
}
