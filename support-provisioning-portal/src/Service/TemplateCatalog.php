<?php

declare(strict_types=1);

// phpcs:disable WordPress.Security.EscapeOutput.ExceptionNotEscaped -- messages leave as REST JSON or stored text, never as HTML (docs/decisions/php-coding-standard.md)

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Domain\AutoStopSchedule;
use SupportProvisioningPortal\Domain\ErrorCode;
use SupportProvisioningPortal\Domain\TtlPolicy;
use SupportProvisioningPortal\Proxmox\ClientFactory;
use SupportProvisioningPortal\Proxmox\ProxmoxClient;
use SupportProvisioningPortal\Proxmox\ProxmoxError;
use SupportProvisioningPortal\Proxmox\TemplateInfo;
use SupportProvisioningPortal\Store\DbLock;
use SupportProvisioningPortal\Store\TemplateStore;

/**
 * Approving (importing), editing and retiring templates; see docs/decisions/templates.md.
 * Policy values use the REST field names; TemplateStore::FIELDS maps them to columns.
 */
final class TemplateCatalog
{
    public const NAME_MAX_LENGTH = 190;
    public const DESCRIPTION_MAX_LENGTH = 2000;
    public const OS_TYPE_MAX_LENGTH = 32;

    /** Inclusive ranges of the numeric policy values. */
    public const RANGES = [
        'cpuCores' => [1, 128],
        'memoryMb' => [128, 1048576],
        'diskGb' => [1, 65536],
        'defaultTtlHours' => [TtlPolicy::MIN_HOURS, 8760],
        'maxTtlHours' => [TtlPolicy::MIN_HOURS, 8760],
        // Creation to expiry, prolongs included; 0 = no cap (docs/decisions/expiry-mail.md).
        'maxLifetimeHours' => [0, 87600],
    ];

    /** The values an admin sets on import and edit. */
    public const POLICY_FIELDS = [
        'name', 'description', 'osType', 'cpuCores', 'memoryMb', 'diskGb',
        'defaultTtlHours', 'maxTtlHours', 'startAfterCreate', 'requireTicketRef', 'baselineSnapshot',
        'maxLifetimeHours', 'allowNeverExpire', 'autoStopTime', 'autoStopDays',
    ];

    /** Default TTL of an imported template that names none, if its maximum allows. */
    private const IMPORT_DEFAULT_TTL_HOURS = 24;
    private const LOCK_SECONDS = 10;

    /**
     * The node's QEMU templates, each with the active template approving it, if any.
     *
     * @return list<array<string, int|string|bool|null>>
     */
    public static function proxmoxTemplates(): array
    {
        $client = self::call(static fn (): ProxmoxClient => ClientFactory::client());
        $templates = self::call(static fn (): array => $client->listTemplates());
        return array_map(static function (TemplateInfo $template) use ($client): array {
            $row = TemplateStore::findByVmid($template->vmid, $template->node !== '' ? $template->node : $client->node());
            $approvedId = $row !== null && $row['active'] === 1 ? $row['id'] : null;
            return $template->toArray() + ['approved' => $approvedId !== null, 'approvedTemplateId' => $approvedId];
        }, $templates);
    }

    /**
     * Approves a QEMU template of the node. Values left out are read from Proxmox (or default);
     * a retired template of the same VMID comes back, with the new values.
     *
     * @param array<string, mixed> $values proxmoxVmid and any of POLICY_FIELDS
     * @return array<string, int|string> the template row
     */
    public static function import(array $values): array
    {
        $vmid = (int) $values['proxmoxVmid'];
        AuditTrail::addDetails(['proxmoxVmid' => $vmid]);
        $client = self::call(static fn (): ProxmoxClient => ClientFactory::client());
        $listed = self::call(static fn (): array => $client->listTemplates());
        $info = self::templateOnNode($client, $vmid, $listed);
        $given = self::policyOf($values);
        $policy = self::validated(array_replace(self::defaultsFrom($info, $given), $given), array_keys($given));
        $backing = TemplateBacking::columns($values, $info, $listed);
        // A template on the configured node keeps '' (it follows the setting), as before.
        $node = in_array($info->node, ['', $client->node()], true) ? '' : $info->node;

        return self::locked(static function () use ($client, $vmid, $policy, $backing, $node): array {
            $existing = TemplateStore::findByVmid($vmid, $client->node());
            if ($existing !== null && $existing['active'] === 1) {
                throw new ServiceError(
                    ErrorCode::TEMPLATE_ALREADY_APPROVED,
                    sprintf(
                        /* translators: 1: Proxmox VMID, 2: approved template name */
                        __('Proxmox template %1$d is already approved as "%2$s".', 'support-provisioning-portal'),
                        $vmid,
                        $existing['name']
                    ),
                    ['templateId' => $existing['id']]
                );
            }
            $columns = self::columns($policy) + $backing;
            if ($existing !== null) {
                $id = $existing['id'];
                TemplateStore::update($id, $columns + ['active' => 1, 'node' => $node]);
            } else {
                $id = TemplateStore::insert($columns + ['proxmox_vmid' => $vmid, 'node' => $node]);
            }
            AuditTrail::describe('template', $id, null, ['reactivated' => $existing !== null, 'values' => $policy + self::backingOf($backing)]);
            return self::existing($id);
        });
    }

    /**
     * Changes some policy values of a template, active or retired.
     *
     * @param array<string, mixed> $changes any of POLICY_FIELDS
     * @return array<string, int|string> the template row
     */
    public static function update(int $id, array $changes): array
    {
        $backing = isset($changes['cloneMode']) || isset($changes['nodeCopies']) ? self::backingChange($id, $changes) : [];
        return self::locked(static function () use ($id, $changes, $backing): array {
            $row = self::existing($id);
            $before = self::policyOfRow($row) + self::backingOf($row);
            $after = array_replace(self::validated(array_replace($before, self::policyOf($changes)), []), self::backingOf($backing + $row));
            $changed = array_keys(array_filter(
                $after,
                static fn (mixed $value, string $field): bool => $value !== $before[$field],
                ARRAY_FILTER_USE_BOTH
            ));
            $changedFields = array_flip($changed);
            if ($changed !== []) {
                TemplateStore::update($id, self::columns(array_intersect_key($after, array_flip(self::POLICY_FIELDS), $changedFields)) + $backing);
            }
            AuditTrail::describe('template', $id, null, [
                'before' => array_intersect_key($before, $changedFields),
                'after' => array_intersect_key($after, $changedFields),
            ]);
            return self::existing($id);
        });
    }

    /**
     * The clone mode and copies of an edit, checked against what Proxmox lists now (asked
     * before the lock, so no request holds it while it waits on the network).
     *
     * @param array<string, mixed> $changes
     * @return array<string, int|string> columns
     */
    private static function backingChange(int $id, array $changes): array
    {
        $row = self::existing($id);
        $client = self::call(static fn (): ProxmoxClient => ClientFactory::client());
        $listed = self::call(static fn (): array => $client->listTemplates());
        return TemplateBacking::columns($changes, self::templateOnNode($client, (int) $row['proxmox_vmid'], $listed), $listed);
    }

    /**
     * @param array<string, int|string> $columns
     * @return array{cloneMode?: string, nodeCopies?: array<string, int>}
     */
    private static function backingOf(array $columns): array
    {
        return array_filter([
            'cloneMode' => isset($columns['clone_mode']) ? (string) $columns['clone_mode'] : null,
            'nodeCopies' => isset($columns['node_copies']) ? TemplateBacking::copies($columns) : null,
        ], static fn (mixed $value): bool => $value !== null);
    }

    /**
     * Takes a template out of new provisioning; its row stays for the deployments made from it.
     *
     * @return array<string, int|string> the template row
     */
    public static function retire(int $id): array
    {
        $row = self::existing($id);
        TemplateStore::retire($id);
        AuditTrail::describe('template', $id, null, [
            'proxmoxVmid' => $row['proxmox_vmid'],
            'name' => $row['name'],
            'wasActive' => $row['active'] === 1,
        ]);
        return self::existing($id);
    }

    /** @return array<string, int|string> */
    private static function existing(int $id): array
    {
        return TemplateStore::find($id) ?? throw new ServiceError(
            ErrorCode::TEMPLATE_NOT_FOUND,
            __('No such approved template.', 'support-provisioning-portal')
        );
    }

    /**
     * The template among those Proxmox lists on its online nodes (VMIDs are unique cluster-wide).
     *
     * @param list<TemplateInfo> $listed
     */
    private static function templateOnNode(ProxmoxClient $client, int $vmid, array $listed): TemplateInfo
    {
        foreach ($listed as $template) {
            if ($template->vmid === $vmid) {
                return $template;
            }
        }
        throw new ServiceError(ErrorCode::TEMPLATE_NOT_FOUND, sprintf(
            /* translators: 1: Proxmox VMID, 2: Proxmox node name */
            __('VMID %1$d is not a QEMU template on Proxmox node %2$s.', 'support-provisioning-portal'),
            $vmid,
            $client->node()
        ));
    }

    /**
     * Runs a Proxmox call (or builds the client), turning its failure into the contract's 502.
     *
     * @template T
     * @param callable(): T $request
     * @return T
     */
    private static function call(callable $request): mixed
    {
        try {
            return $request();
        } catch (ProxmoxError $error) {
            throw new ServiceError(ErrorCode::PROXMOX_ERROR, $error->getMessage());
        }
    }

    /**
     * @param array<string, mixed> $given
     * @return array<string, int|string|bool>
     */
    private static function defaultsFrom(TemplateInfo $info, array $given): array
    {
        $maxTtlHours = $given['maxTtlHours'] ?? TtlPolicy::DEFAULT_MAX_HOURS;
        return [
            'name' => $info->name,
            'description' => '',
            'osType' => $info->osType,
            'cpuCores' => $info->cpuCores,
            'memoryMb' => $info->memoryMb,
            'diskGb' => $info->diskGb,
            'defaultTtlHours' => min(self::IMPORT_DEFAULT_TTL_HOURS, $maxTtlHours),
            'maxTtlHours' => $maxTtlHours,
            'startAfterCreate' => false,
            'requireTicketRef' => false,
            'baselineSnapshot' => true,
            'maxLifetimeHours' => 0,
            'allowNeverExpire' => true,
            'autoStopTime' => '',
            'autoStopDays' => AutoStopSchedule::DEFAULT_DAYS,
        ];
    }

    /**
     * The policy values of a request (already typed and range-checked by the route schema).
     *
     * @param array<string, mixed> $values
     * @return array<string, mixed>
     */
    private static function policyOf(array $values): array
    {
        $policy = array_intersect_key($values, array_flip(self::POLICY_FIELDS));
        if (isset($policy['name'])) {
            $policy['name'] = trim((string) $policy['name']);
        }
        if (isset($policy['autoStopDays'])) {
            $policy['autoStopDays'] = AutoStopSchedule::normalDays((array) $policy['autoStopDays']);
        }
        return $policy;
    }

    /**
     * @param array<string, int|string> $row
     * @return array<string, int|string|bool>
     */
    private static function policyOfRow(array $row): array
    {
        $policy = [];
        foreach (self::POLICY_FIELDS as $field) {
            $policy[$field] = $row[TemplateStore::FIELDS[$field]];
        }
        $policy['startAfterCreate'] = $policy['startAfterCreate'] === 1;
        $policy['requireTicketRef'] = $policy['requireTicketRef'] === 1;
        $policy['baselineSnapshot'] = $policy['baselineSnapshot'] === 1;
        $policy['allowNeverExpire'] = $policy['allowNeverExpire'] === 1;
        $policy['autoStopDays'] = AutoStopSchedule::daysFromColumn((string) $policy['autoStopDays']);
        return $policy;
    }

    /**
     * @param array<string, mixed> $policy
     * @return array<string, int|string>
     */
    private static function columns(array $policy): array
    {
        $columns = [];
        foreach ($policy as $field => $value) {
            $columns[TemplateStore::FIELDS[$field]] = match (true) {
                is_bool($value) => (int) $value,
                is_array($value) => AutoStopSchedule::daysToColumn($value),
                default => $value,
            };
        }
        return $columns;
    }

    /**
     * Checks a complete policy, including values that did not come from the caller.
     *
     * @param array<string, mixed> $policy
     * @param list<string> $given the fields the caller sent; the others came from Proxmox
     * @return array<string, mixed>
     */
    private static function validated(array $policy, array $given): array
    {
        $fromProxmox = array_diff(['name', 'cpuCores', 'memoryMb', 'diskGb'], $given);
        if ($policy['name'] === '' || mb_strlen($policy['name']) > self::NAME_MAX_LENGTH) {
            throw new InvalidTemplatePolicy('name', sprintf(
                /* translators: %d: maximum length */
                __(
                    'The Proxmox template has no usable name; send a name of 1 to %d characters.',
                    'support-provisioning-portal'
                ),
                self::NAME_MAX_LENGTH
            ));
        }
        foreach (self::RANGES as $field => [$min, $max]) {
            $value = $policy[$field];
            if ($value >= $min && $value <= $max) {
                continue;
            }
            $message = in_array($field, $fromProxmox, true)
                /* translators: 1: field name, 2: value, 3: minimum, 4: maximum */
                ? __(
                    'The Proxmox template reports %2$d for %1$s, outside %3$d to %4$d; send %1$s yourself.',
                    'support-provisioning-portal'
                )
                /* translators: 1: field name, 2: value, 3: minimum, 4: maximum */
                : __('%1$s is %2$d but must be between %3$d and %4$d.', 'support-provisioning-portal');
            throw new InvalidTemplatePolicy($field, sprintf($message, $field, $value, $min, $max));
        }
        if ($policy['defaultTtlHours'] > $policy['maxTtlHours']) {
            throw new InvalidTemplatePolicy('defaultTtlHours', sprintf(
                /* translators: 1: default TTL in hours, 2: maximum TTL in hours */
                __(
                    'defaultTtlHours (%1$d) must not be greater than maxTtlHours (%2$d).',
                    'support-provisioning-portal'
                ),
                $policy['defaultTtlHours'],
                $policy['maxTtlHours']
            ));
        }
        return $policy;
    }

    /**
     * Serialises read-check-write sequences on templates across web servers.
     *
     * @template T
     * @param callable(): T $work
     * @return T
     */
    private static function locked(callable $work): mixed
    {
        return DbLock::hold('templates', self::LOCK_SECONDS, $work);
    }
}
