<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\Fakes;

use SupportProvisioningPortal\Proxmox\ProxmoxClient;
use SupportProvisioningPortal\Service\ClientResolver;

/** Always the same client, on a connection whose identity is known. */
final class FixedClients implements ClientResolver
{
    public function __construct(private readonly ProxmoxClient $client, private readonly string $connection)
    {
    }

    public function client(): ProxmoxClient
    {
        return $this->client;
    }

    public function connection(ProxmoxClient $client): string
    {
        return $this->connection;
    }

    public function known(): ?string
    {
        return $this->connection;
    }
}
