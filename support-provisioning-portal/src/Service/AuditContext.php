<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

/**
 * What the handlers of one REST request (or of one item of a bulk request) describe for its audit
 * row: the object, its deployment, and details. AuditTrail writes the row from it.
 */
final class AuditContext
{
    private ?string $objectType = null;
    private ?string $objectId = null;
    private ?int $deploymentId = null;
    /** @var array<string, mixed> */
    private array $details = [];

    /**
     * Names the object; a deployment named earlier stays unless another is given, details add up.
     *
     * @param array<string, mixed> $details
     */
    public function describe(string $objectType, string|int $objectId, ?int $deploymentId = null, array $details = []): void
    {
        $this->objectType = $objectType;
        $this->objectId = (string) $objectId;
        $this->deploymentId = $deploymentId ?? $this->deploymentId;
        $this->addDetails($details);
    }

    /** @param array<string, mixed> $details later details win over earlier ones of the same key */
    public function addDetails(array $details): void
    {
        $this->details = $details + $this->details;
    }

    public function objectType(): ?string
    {
        return $this->objectType;
    }

    public function objectId(): ?string
    {
        return $this->objectId;
    }

    public function deploymentId(): ?int
    {
        return $this->deploymentId;
    }

    /** @return array<string, mixed> */
    public function details(): array
    {
        return $this->details;
    }
}
