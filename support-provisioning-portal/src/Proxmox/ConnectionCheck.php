<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Proxmox;

/**
 * One line of a connection test: what was checked, whether it worked, and what was found.
 */
final class ConnectionCheck
{
    public function __construct(
        public readonly string $name,
        public readonly bool $ok,
        public readonly string $message,
    ) {
    }

    /** @return array{name: string, ok: bool, message: string} */
    public function toArray(): array
    {
        return ['name' => $this->name, 'ok' => $this->ok, 'message' => $this->message];
    }
}
