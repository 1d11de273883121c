<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Proxmox\ClientFactory;
use SupportProvisioningPortal\Proxmox\ProxmoxClient;

/**
 * The client of the site's saved settings, built on first use and kept until the settings change
 * (forget()), and its connection identity (Connections).
 */
final class ConfiguredClient implements ClientResolver
{
    private ?ProxmoxClient $client = null;

    public function client(): ProxmoxClient
    {
        return $this->client ??= ClientFactory::fromSavedSettings();
    }

    public function connection(ProxmoxClient $client): string
    {
        return Connections::current($client);
    }

    public function known(): ?string
    {
        return Connections::known();
    }

    /** The settings changed: the next client() builds a client from them. */
    public function forget(): void
    {
        $this->client = null;
    }
}
