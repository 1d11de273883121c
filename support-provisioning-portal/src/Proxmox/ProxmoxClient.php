<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Proxmox;

/**
 * Everything the portal asks of a Proxmox VE cluster. Clones are sent to the node of the template
 * copy they start from; every other VM call goes to the node a VmRef names. Long operations
 * return a task (UPID) that the caller polls with taskStatus(), so no web request waits for a
 * clone. Failures throw ProxmoxError.
 */
interface ProxmoxClient
{
    /** The configured node: where templates live and clones are made. */
    public function node(): string;

    /**
     * Who this cluster is, asked of it: `mock`, `pve-cluster:<name>`, `pve-node:<name>` for a
     * node outside any cluster, or `pve-host:<host:port>` when the token may not read
     * /cluster/status. Callers keep the answer (see Service\Connections).
     */
    public function identity(): string;

    /** A free VMID hint: parallel callers may get the same one, so a clone can still collide. */
    public function nextVmid(): int;

    /**
     * Clone of a template (full or linked, onto its node or with `target` onto another), named and
     * described as given (the marker that proves the VM is the caller's is written by this very
     * call). The clone may still lose a race for $newVmid in its task (see
     * ProxmoxMessages::isVmidTaken()).
     *
     * @return string UPID of the clone task
     */
    public function cloneTemplate(CloneSource $source, int $newVmid, string $name, string $description): string;

    /** @return list<NodeFigures> the cluster's members (`GET /cluster/resources?type=node`); none for the mock */
    public function clusterNodes(): array;

    public function taskStatus(string $upid): TaskStatus;

    /** The VM's configuration on the node $vm names, or null when that node has no such VM. */
    public function vmFacts(VmRef $vm): ?VmFacts;

    /** The node the cluster lists the VM on (`GET /cluster/resources?type=vm`), or null. */
    public function findVmNode(int $vmid): ?string;

    /** @return list<ClusterVm> every QEMU guest of the cluster that is no template (`GET /cluster/resources?type=vm`) */
    public function listVms(): array;

    /**
     * Sets cores and memory and marks the VM as the portal's (description and tags). $digest is
     * the one of the configuration the caller checked: Proxmox refuses the change if the
     * configuration changed since.
     *
     * @param list<string> $tags
     */
    public function configure(VmRef $vm, int $cores, int $memoryMb, string $description, array $tags, string $digest): void;

    /**
     * Puts back the size and name the portal gave the VM (after someone changed them by hand).
     * $digest as for configure().
     */
    public function applySize(VmRef $vm, int $cores, int $memoryMb, string $name, string $digest): void;

    /** Proxmox's protection flag: a protected VM cannot be deleted, even from the Proxmox UI. */
    public function setProtection(VmRef $vm, bool $protected, string $digest): void;

    /** @return string UPID */
    public function start(VmRef $vm): string;

    /** Hard stop (power off). @return string UPID */
    public function stop(VmRef $vm): string;

    /** Deletes the VM and its disks. @return string UPID */
    public function destroy(VmRef $vm): string;

    /** 'running', 'stopped', or null when the node has no such VM. */
    public function vmStatus(VmRef $vm): ?string;

    public function ipAddresses(VmRef $vm): IpLookup;

    /** @return list<SnapshotInfo> the VM's snapshots, oldest first */
    public function snapshots(VmRef $vm): array;

    /**
     * Takes a snapshot; $vmstate saves the RAM of a running VM too. Proxmox checks the name, the
     * lock and whether every disk's storage can snapshot inside the task.
     *
     * @return string UPID
     */
    public function createSnapshot(VmRef $vm, string $name, string $description, bool $vmstate): string;

    /**
     * Rolls back to a snapshot. Proxmox stops a running VM first; $start starts it again afterwards
     * (a snapshot with RAM starts it anyway).
     *
     * @return string UPID
     */
    public function rollbackSnapshot(VmRef $vm, string $name, bool $start): string;

    /** @return string UPID */
    public function deleteSnapshot(VmRef $vm, string $name): string;

    /** @return list<TemplateInfo> QEMU templates on every online node, with their node */
    public function listTemplates(): array;

    /** The template VMID on $node ('' = the configured node). */
    public function templateInfo(int $vmid, string $node = ''): TemplateInfo;

    /**
     * @param list<int> $templateVmids the approved templates: what cloning them needs is checked too
     * @param bool $snapshots whether the portal takes snapshots: their privileges are checked too
     * @return list<ConnectionCheck>
     */
    public function testConnection(array $templateVmids, bool $snapshots = false): array;
}
