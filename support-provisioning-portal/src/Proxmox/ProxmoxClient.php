<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Proxmox;

/**
 * Everything the portal asks of a Proxmox VE node. Long operations return a task (UPID) that the
 * caller polls with taskStatus(), so no web request waits for a clone. Failures throw ProxmoxError.
 */
interface ProxmoxClient
{
    public function node(): string;

    /** A free VMID hint: parallel callers may get the same one, so clone() can still collide. */
    public function nextVmid(): int;

    /**
     * Full clone of a template. Throws ProxmoxError::vmidTaken() when $newVmid already exists.
     *
     * @return string UPID of the clone task
     */
    public function cloneTemplate(int $templateVmid, int $newVmid, string $name): string;

    public function taskStatus(string $upid): TaskStatus;

    /**
     * Sets cores and memory and marks the VM as the portal's (description and tags).
     *
     * @param list<string> $tags
     */
    public function configure(int $vmid, int $cores, int $memoryMb, string $description, array $tags): void;

    /** Proxmox's protection flag: a protected VM cannot be deleted, even from the Proxmox UI. */
    public function setProtection(int $vmid, bool $protected): void;

    /** @return string UPID */
    public function start(int $vmid): string;

    /** Hard stop (power off). @return string UPID */
    public function stop(int $vmid): string;

    /** Deletes the VM and its disks. @return string UPID */
    public function destroy(int $vmid): string;

    /** 'running', 'stopped', or null when the VM does not exist. */
    public function vmStatus(int $vmid): ?string;

    public function ipAddresses(int $vmid): IpLookup;

    /** @return list<TemplateInfo> QEMU templates on the node */
    public function listTemplates(): array;

    public function templateInfo(int $vmid): TemplateInfo;

    /**
     * @param list<int> $templateVmids the approved templates: what cloning them needs is checked too
     * @return list<ConnectionCheck>
     */
    public function testConnection(array $templateVmids): array;
}
