<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

/**
 * A template policy value that only fails once merged with the stored row or the values read from
 * Proxmox (the route schema checks each value on its own); answered as 400 rest_invalid_param.
 */
final class InvalidTemplatePolicy extends \DomainException
{
    public function __construct(public readonly string $field, string $message)
    {
        parent::__construct($message);
    }
}
