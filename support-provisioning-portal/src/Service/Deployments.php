<?php

declare(strict_types=1);

// phpcs:disable WordPress.Security.EscapeOutput.ExceptionNotEscaped -- messages leave as REST JSON or stored text, never as HTML (docs/decisions/php-coding-standard.md)

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Domain\ErrorCode;
use SupportProvisioningPortal\Domain\LifetimeCap;
use SupportProvisioningPortal\Domain\QuotaViolation;
use SupportProvisioningPortal\Domain\Status;
use SupportProvisioningPortal\Domain\TicketFields;
use SupportProvisioningPortal\Domain\TtlOutOfRange;
use SupportProvisioningPortal\Domain\TtlPolicy;
use SupportProvisioningPortal\Proxmox\ProxmoxError;
use SupportProvisioningPortal\Store\DeploymentRecord;
use SupportProvisioningPortal\Store\DeploymentTable;
use SupportProvisioningPortal\Support\Clock;
use SupportProvisioningPortal\Support\Time;

/**
 * Creating deployments: template-only, resources from the template's policy, checked against the
 * RAM contingents and the owner's cap on deployments holding a VM.
 * The clone itself happens later, in the Worker. The plugin builds one with its collaborators
 * (Wiring::deployments()).
 */
final class Deployments
{
    public function __construct(
        private readonly TemplateLookup $templates,
        private readonly DeploymentTable $rows,
        private readonly Quota $quota,
        private readonly LifetimeCaps $caps,
        private readonly ClientResolver $clients,
        private readonly ClonePlacer $placement,
        private readonly Members $members,
        private readonly AuditContexts $audit,
        private readonly Clock $clock,
    ) {
    }

    /**
     * A new deployment in PROVISIONING, inserted under the quota lock only when every check
     * passed: a refusal leaves no row behind.
     */
    public function createFor(
        int $ownerId,
        int $templateId,
        string $name,
        ?int $ttlHours,
        bool $neverExpire,
        TicketFields $ticket = new TicketFields()
    ): DeploymentRecord {
        $template = $this->templates->find($templateId);
        if ($template === null || !(bool) $template['active']) {
            throw ServiceError::fromCode(ErrorCode::TEMPLATE_NOT_FOUND);
        }
        DeploymentDetails::requireTicketRef($template['require_ticket_ref'] === 1, $ticket);
        $now = $this->clock->now();
        $hours = $neverExpire ? null : ($ttlHours ?? (int) $template['default_ttl_hours']);
        $expiresAt = $hours === null ? null : self::expiry($hours, (int) $template['max_ttl_hours'], $now);
        $this->caps->enforce($ownerId, LifetimeCap::violation(
            (int) $template['max_lifetime_hours'],
            $template['allow_never_expire'] === 1,
            $now,
            Time::fromDb($expiresAt)
        ));
        $memoryMb = (int) $template['memory_mb'];
        $name = trim($name) === '' ? $this->defaultName((string) $template['name'], $ownerId, $ticket) : trim($name);

        $result = $this->quota->reserve($ownerId, $memoryMb, fn (): int => $this->rows->insert($this->place($template, $memoryMb) + [
            'name' => $name,
            'status' => Status::PROVISIONING->value,
            'step' => Steps::CLONE,
            'template_id' => $templateId,
            'owner_id' => $ownerId,
            'vm_marker' => VmMarker::newNonce(),
            'cpu_cores' => (int) $template['cpu_cores'],
            'memory_mb' => $memoryMb,
            'disk_gb' => (int) $template['disk_gb'],
            'never_expire' => $neverExpire ? 1 : 0,
            'ttl_hours' => $hours,
            'expires_at' => $expiresAt,
        ] + $ticket->columns()), true);
        if ($result instanceof QuotaViolation) {
            throw self::quotaError($result);
        }
        $this->audit->current()->describe('deployment', $result, $result, [
            'templateId' => $templateId,
            'memoryMb' => $memoryMb,
            'ttlHours' => $hours,
            'neverExpire' => $neverExpire,
        ] + $ticket->toArray());
        return $this->rows->find($result, $ownerId) ?? throw new \LogicException('Inserted deployment vanished');
    }

    /**
     * The node for the new VM, chosen under the quota lock (docs/decisions/placement.md). When
     * Proxmox cannot be asked now, the worker places the VM before it clones.
     *
     * @param array<string, int|string> $template
     * @return array<string, string> node and the placement record; [] = not placed (yet)
     * @throws ServiceError NO_NODE_CAPACITY: refused before anything is cloned
     */
    private function place(array $template, int $memoryMb): array
    {
        try {
            $client = $this->clients->client();
            $chosen = $this->placement->choose($client, $template, $memoryMb, $this->clients->connection($client));
        } catch (ProxmoxError) {
            return [];
        }
        return $chosen === null ? [] : ['node' => $chosen['node'], 'placement' => $chosen['placement']];
    }

    /**
     * "SUP-1234 PBX appliance (jdoe)": named after the template and its owner, as the form's help
     * says; the ticket makes the VM findable on Proxmox too (its name derives from this).
     */
    private function defaultName(string $templateName, int $ownerId, TicketFields $ticket): string
    {
        $login = $this->members->login($ownerId) ?? (string) $ownerId;
        return mb_substr(trim($ticket->ticketRef . ' ' . $templateName) . ' (' . $login . ')', 0, 190);
    }

    public static function quotaError(QuotaViolation $violation): ServiceError
    {
        $message = match ($violation->scope) {
            QuotaViolation::SCOPE_VMS => sprintf(
                /* translators: %d: how many deployments holding a VM the user may have */
                _n(
                    'You already have %d deployment that holds a VM, your limit. Delete one you no longer need, expired ones included.',
                    'You already have %d deployments that hold a VM, your limit. Delete one you no longer need, expired ones included.',
                    $violation->limit,
                    'support-provisioning-portal'
                ),
                $violation->limit
            ),
            QuotaViolation::SCOPE_USER => sprintf(
                /* translators: 1: requested MB, 2: used MB, 3: limit MB */
                __('This needs %1$d MB of RAM, but you already use %2$d MB of your %3$d MB RAM quota.', 'support-provisioning-portal'),
                $violation->requested,
                $violation->used,
                $violation->limit
            ),
            default => sprintf(
                /* translators: 1: requested MB, 2: used MB, 3: limit MB */
                __('This needs %1$d MB of RAM, but the portal already uses %2$d MB of its %3$d MB global RAM quota.', 'support-provisioning-portal'),
                $violation->requested,
                $violation->used,
                $violation->limit
            ),
        };
        return new ServiceError(ErrorCode::QUOTA_EXCEEDED, $message, $violation->toArray());
    }

    public static function ttlError(TtlOutOfRange $error): ServiceError
    {
        return new ServiceError(ErrorCode::TTL_OUT_OF_RANGE, $error->getMessage(), $error->errorData());
    }

    private static function expiry(int $hours, int $maxTtlHours, \DateTimeImmutable $now): string
    {
        try {
            return Time::toDb(TtlPolicy::expiresAtForCreate($hours, $maxTtlHours ?: null, $now));
        } catch (TtlOutOfRange $error) {
            throw self::ttlError($error);
        }
    }
}
