<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Domain;

/**
 * A value that breaks a rule the route schema cannot express; answered as 400 rest_invalid_param
 * with the field (a path such as `entries[2].port`) and the message.
 */
final class InvalidInput extends \DomainException
{
    public function __construct(public readonly string $field, string $message)
    {
        parent::__construct($message);
    }
}
