<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Proxmox\ProxmoxClient;

/**
 * The Proxmox client a worker talks to, and the identity of its connection. A site works on one
 * connection at a time: a deployment made on another is recognised by its recorded connection
 * (VmLocator) and left untouched, so the client does not depend on the deployment. Asked once per
 * claimed deployment, so a settings change reaches the next step.
 */
interface ClientResolver
{
    public function client(): ProxmoxClient;

    /** The connection's identity (Connections), asked of Proxmox when not known yet (may throw ProxmoxError). */
    public function connection(ProxmoxClient $client): string;

    /** The connection's identity without asking Proxmox: null while it has not been learnt. */
    public function known(): ?string;
}
