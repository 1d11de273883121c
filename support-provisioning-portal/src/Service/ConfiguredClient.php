<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Proxmox\ClientFactory;
use SupportProvisioningPortal\Proxmox\ProxmoxClient;

/** The client of the site's saved settings (ClientFactory) and its connection identity (Connections). */
final class ConfiguredClient implements ClientResolver
{
    public function client(): ProxmoxClient
    {
        return ClientFactory::client();
    }

    public function connection(ProxmoxClient $client): string
    {
        return Connections::current($client);
    }
}
