<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Proxmox\ClusterVm;
use SupportProvisioningPortal\Proxmox\VmFacts;

/**
 * The proof that a VM is a deployment's own: `spp-<deployment id>-<nonce>`, where the nonce is
 * random per deployment (so no other portal site, tool or person produces it by chance). The
 * clone POST writes it as the start of the VM's name and as a line of its description; configure
 * adds it as a tag. A VM carrying it in any of the three is the deployment's.
 *
 * Deployments made before markers existed have no nonce: for them the VM must still carry both
 * the old name (`spp-<id>` or `spp-<id>-…`) and the old tag `spp-deployment-<id>`.
 */
final class VmMarker
{
    private const NONCE_LENGTH = 12;
    private const NONCE_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
    /** Proxmox wants a DNS name: letters, digits and hyphens, at most 63 characters. */
    private const NAME_LENGTH = 63;

    private function __construct(private readonly int $deploymentId, private readonly string $nonce)
    {
    }

    public static function of(int $deploymentId, string $nonce): self
    {
        return new self($deploymentId, $nonce);
    }

    /** A fresh nonce: lower-case letters and digits, fit for a VM name and a Proxmox tag. */
    public static function newNonce(): string
    {
        $nonce = '';
        for ($i = 0; $i < self::NONCE_LENGTH; $i++) {
            $nonce .= self::NONCE_ALPHABET[random_int(0, strlen(self::NONCE_ALPHABET) - 1)];
        }
        return $nonce;
    }

    /**
     * The marker a VM's name starts with or a tag is, when it is one with a nonce (a marker without
     * one is only a guessable name, docs/decisions/drift.md).
     */
    public static function parse(string $nameOrTag): ?self
    {
        $pattern = sprintf('/^spp-([1-9][0-9]*)-([%s]{%d})(?:-|$)/', self::NONCE_ALPHABET, self::NONCE_LENGTH);
        return preg_match($pattern, $nameOrTag, $m) === 1 ? new self((int) $m[1], $m[2]) : null;
    }

    /** The markers a listed VM carries in its name or tags, by value. @return array<string, self> */
    public static function carriedBy(ClusterVm $vm): array
    {
        $found = [];
        foreach ([$vm->name, ...$vm->tags] as $text) {
            $marker = self::parse($text);
            if ($marker !== null && ($text === $vm->name || $text === $marker->value())) {
                $found[$marker->value()] = $marker;
            }
        }
        return $found;
    }

    public function deploymentId(): int
    {
        return $this->deploymentId;
    }

    public function nonce(): string
    {
        return $this->nonce;
    }

    public function value(): string
    {
        return $this->nonce === '' ? "spp-{$this->deploymentId}" : "spp-{$this->deploymentId}-{$this->nonce}";
    }

    /** The marker, then as much of the slug of the display name as fits. */
    public function vmName(string $slug): string
    {
        return rtrim(substr($this->value() . ($slug === '' ? '' : "-{$slug}"), 0, self::NAME_LENGTH), '-');
    }

    public function descriptionLine(): string
    {
        return 'marker: ' . $this->value();
    }

    /** The tag configure adds; deployments without a nonce keep the old per-deployment tag. */
    public function tag(): string
    {
        return $this->nonce === '' ? "spp-deployment-{$this->deploymentId}" : $this->value();
    }

    public function isCarriedBy(VmFacts $vm): bool
    {
        $named = $vm->name === $this->value() || str_starts_with($vm->name, $this->value() . '-');
        $tagged = in_array($this->tag(), $vm->tags, true);
        if ($this->nonce === '') {
            return $named && $tagged;
        }
        $described = in_array($this->descriptionLine(), array_map('trim', explode("\n", $vm->description)), true);
        return $named || $tagged || $described;
    }
}
