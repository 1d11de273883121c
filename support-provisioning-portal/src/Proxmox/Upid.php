<?php

declare(strict_types=1);

// phpcs:disable WordPress.Security.EscapeOutput.ExceptionNotEscaped -- messages leave as REST JSON or stored text, never as HTML (docs/decisions/php-coding-standard.md)

namespace SupportProvisioningPortal\Proxmox;

/**
 * A Proxmox task id: `UPID:<node>:<pid>:<pstart>:<starttime>:<type>:<id>:<user>:`. A task's
 * status can only be read on the node that ran it, which the UPID names.
 */
final class Upid
{
    private const PATTERN = '/^UPID:([a-zA-Z0-9][a-zA-Z0-9.\-]*):[0-9A-Fa-f]{8}:[0-9A-Fa-f]{8,9}:[0-9A-Fa-f]{8}:'
        . '[^:\s]+:[^:\s]*:[^:\s]+:$/';

    private function __construct(
        public readonly string $value,
        public readonly string $node,
    ) {
    }

    public static function parse(string $upid): self
    {
        if (!preg_match(self::PATTERN, $upid, $m)) {
            throw new ProxmoxError(sprintf(
                /* translators: %s: the malformed task id */
                __('Not a Proxmox task id (UPID): %s', 'support-provisioning-portal'),
                $upid
            ));
        }
        return new self($upid, $m[1]);
    }
}
