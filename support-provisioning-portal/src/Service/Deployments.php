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
use SupportProvisioningPortal\Proxmox\ClientFactory;
use SupportProvisioningPortal\Proxmox\ProxmoxError;
use SupportProvisioningPortal\Store\DeploymentRecord;
use SupportProvisioningPortal\Store\DeploymentStore;
use SupportProvisioningPortal\Store\TemplateStore;
use SupportProvisioningPortal\Support\Time;
use SupportProvisioningPortal\Wiring;

/**
 * Creating deployments: template-only, resources from the template's policy, checked against the
 * RAM contingents and the owner's cap on deployments holding a VM.
 * The clone itself happens later, in the Worker.
 */
final class Deployments
{
    public static function create(
        int $ownerId,
        int $templateId,
        string $name,
        ?int $ttlHours,
        bool $neverExpire,
        TicketFields $ticket = new TicketFields()
    ): DeploymentRecord {
        $template = TemplateStore::find($templateId);
        if ($template === null || !(bool) $template['active']) {
            throw ServiceError::fromCode(ErrorCode::TEMPLATE_NOT_FOUND);
        }
        DeploymentDetails::requireTicketRef($template['require_ticket_ref'] === 1, $ticket);
        $hours = $neverExpire ? null : ($ttlHours ?? (int) $template['default_ttl_hours']);
        $expiresAt = $hours === null ? null : self::expiry($hours, (int) $template['max_ttl_hours']);
        Wiring::lifetimeCaps()->enforce($ownerId, LifetimeCap::violation(
            (int) $template['max_lifetime_hours'],
            $template['allow_never_expire'] === 1,
            Time::now(),
            Time::fromDb($expiresAt)
        ));
        $memoryMb = (int) $template['memory_mb'];
        $name = trim($name) === '' ? self::defaultName((string) $template['name'], $ownerId, $ticket) : trim($name);

        $result = Quota::allocate($ownerId, $memoryMb, static fn (): int => DeploymentStore::insert(self::place($template, $memoryMb) + [
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
        AuditTrail::describe('deployment', $result, $result, [
            'templateId' => $templateId,
            'memoryMb' => $memoryMb,
            'ttlHours' => $hours,
            'neverExpire' => $neverExpire,
        ] + $ticket->toArray());
        return DeploymentStore::find($result, $ownerId) ?? throw new \LogicException('Inserted deployment vanished');
    }

    /**
     * The node for the new VM, chosen under the quota lock (docs/decisions/placement.md). When
     * Proxmox cannot be asked now, the worker places the VM before it clones.
     *
     * @param array<string, int|string> $template
     * @return array<string, string> node and the placement record; [] = not placed (yet)
     * @throws ServiceError NO_NODE_CAPACITY: refused before anything is cloned
     */
    private static function place(array $template, int $memoryMb): array
    {
        try {
            $client = ClientFactory::client();
            $connection = Connections::current($client);
            $chosen = Placement::choose($client, $template, $memoryMb, $connection);
        } catch (ProxmoxError) {
            return [];
        }
        return $chosen === null ? [] : ['node' => $chosen['node'], 'placement' => $chosen['placement']];
    }

    /**
     * "SUP-1234 PBX appliance (jdoe)": named after the template and its owner, as the form's help
     * says; the ticket makes the VM findable on Proxmox too (its name derives from this).
     */
    private static function defaultName(string $templateName, int $ownerId, TicketFields $ticket): string
    {
        $owner = get_userdata($ownerId);
        $login = $owner instanceof \WP_User ? $owner->user_login : (string) $ownerId;
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

    private static function expiry(int $hours, int $maxTtlHours): string
    {
        try {
            return Time::toDb(TtlPolicy::expiresAtForCreate($hours, $maxTtlHours ?: null, Time::now()));
        } catch (TtlOutOfRange $error) {
            throw self::ttlError($error);
        }
    }
}
