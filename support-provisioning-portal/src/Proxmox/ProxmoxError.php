<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Proxmox;

/**
 * A failed Proxmox call, with a message fit to show an admin (never a secret).
 */
final class ProxmoxError extends \RuntimeException
{
    public const VMID_TAKEN = 1;
    public const VM_MISSING = 2;
    /** HTTP adapter: the TLS handshake failed (untrusted or mismatching certificate). */
    public const TLS_FAILED = 3;
    /** HTTP adapter: no answer at all (DNS, refused, reset, timeout, blocked by WordPress). */
    public const UNREACHABLE = 4;
    /** HTTP adapter: Proxmox refused the API token (HTTP 401). */
    public const AUTH_FAILED = 5;
    /** HTTP adapter: pveproxy could not reach the node the call was for (595: it is down). */
    public const NODE_UNREACHABLE = 6;

    public static function vmidTaken(int $vmid): self
    {
        return new self(sprintf('unable to create VM %d: config file already exists', $vmid), self::VMID_TAKEN);
    }

    public static function vmMissing(int $vmid, string $node): self
    {
        return new self(sprintf("Configuration file 'nodes/%s/qemu-server/%d.conf' does not exist", $node, $vmid), self::VM_MISSING);
    }

    public function isVmidTaken(): bool
    {
        return $this->getCode() === self::VMID_TAKEN;
    }

    /** No answer at all: the call may be retried, the task it polls may still be running. */
    public function isUnreachable(): bool
    {
        return $this->getCode() === self::UNREACHABLE;
    }

    public function isNodeUnreachable(): bool
    {
        return $this->getCode() === self::NODE_UNREACHABLE;
    }

    public function isVmMissing(): bool
    {
        return $this->getCode() === self::VM_MISSING;
    }
}
