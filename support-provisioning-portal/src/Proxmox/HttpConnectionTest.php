<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Proxmox;

/**
 * The HTTP adapter's connection test: one row per thing that can be wrong, in the order they
 * depend on each other (reachable → TLS → token → node → privileges on /vms → what cloning the
 * approved templates needs → each cluster node and what the token may do there); it stops at the
 * first failure, because later rows could not be checked.
 */
final class HttpConnectionTest
{
    /** Where portal VMs live: every privilege the portal uses is checked on this ACL path. */
    private const VM_PATH = '/vms';

    public function __construct(
        private readonly HttpConfig $config,
        private readonly HttpTransport $http,
    ) {
    }

    /**
     * @param list<int> $templateVmids the approved templates
     * @param bool $snapshots whether the portal takes snapshots (VM.Snapshot, VM.Snapshot.Rollback)
     * @return list<ConnectionCheck>
     */
    public function run(array $templateVmids, bool $snapshots = false): array
    {
        $problem = $this->config->problem();
        if ($problem !== null) {
            return [new ConnectionCheck('configuration', false, $problem)];
        }
        try {
            $version = $this->http->request('GET', '/version');
        } catch (ProxmoxError $error) {
            return $this->versionFailure($error);
        }
        $rows = [
            new ConnectionCheck('reachable', true, sprintf(
                /* translators: 1: Proxmox VE version, 2: host:port */
                __('Proxmox VE %1$s answered at %2$s.', 'support-provisioning-portal'),
                is_array($version) ? (string) ($version['version'] ?? '?') : '?',
                $this->config->endpoint()
            )),
            $this->tlsPassed(),
            $this->tokenPassed(),
            $node = $this->nodeCheck($status),
        ];
        if (!$node->ok) {
            return $rows;
        }
        return [...$rows, ...$this->privilegeChecks($templateVmids, $snapshots), ...(new NodeAccessCheck($this->http))->rows($status)];
    }

    /** @return list<ConnectionCheck> */
    private function versionFailure(ProxmoxError $error): array
    {
        $connected = new ConnectionCheck('reachable', true, sprintf(
            /* translators: %s: host:port */
            __('Connected to %s.', 'support-provisioning-portal'),
            $this->config->endpoint()
        ));
        $failed = static fn (string $name): ConnectionCheck => new ConnectionCheck($name, false, $error->getMessage());
        return match ($error->getCode()) {
            ProxmoxError::TLS_FAILED => [$connected, $failed('tls')],
            ProxmoxError::AUTH_FAILED => [$connected, $this->tlsPassed(), $failed('token')],
            default => [$failed('reachable')],
        };
    }

    private function tlsPassed(): ConnectionCheck
    {
        return new ConnectionCheck('tls', true, $this->config->caCertificate !== ''
            ? __('The certificate was verified against the configured CA certificate.', 'support-provisioning-portal')
            : __("The certificate was verified against the system's trusted CAs.", 'support-provisioning-portal'));
    }

    private function tokenPassed(): ConnectionCheck
    {
        return new ConnectionCheck('token', true, sprintf(
            /* translators: %s: API token ID */
            __('The API token %s was accepted.', 'support-provisioning-portal'),
            $this->config->tokenId
        ));
    }

    /**
     * GET /nodes needs no privilege, so a missing node is told apart from a missing privilege.
     *
     * @param array<string, string> $status filled with node => online, offline or unknown
     */
    private function nodeCheck(?array &$status): ConnectionCheck
    {
        $status = [];
        try {
            $nodes = $this->http->request('GET', '/nodes');
        } catch (ProxmoxError $error) {
            return new ConnectionCheck('node', false, $error->getMessage());
        }
        foreach (is_array($nodes) ? $nodes : [] as $entry) {
            if (is_array($entry) && isset($entry['node'])) {
                $status[(string) $entry['node']] = (string) ($entry['status'] ?? 'unknown');
            }
        }
        $node = $this->config->node;
        if (!isset($status[$node])) {
            return new ConnectionCheck('node', false, sprintf(
                /* translators: 1: configured node name, 2: comma-separated node names */
                __("Node '%1\$s' is not part of this cluster; its nodes are: %2\$s.", 'support-provisioning-portal'),
                $node,
                implode(', ', array_keys($status))
            ));
        }
        return new ConnectionCheck('node', $status[$node] === 'online', sprintf(
            /* translators: 1: node name, 2: online, offline or unknown */
            __("Node '%1\$s' is %2\$s.", 'support-provisioning-portal'),
            $node,
            $status[$node]
        ));
    }

    /**
     * @param list<int> $templateVmids
     * @return list<ConnectionCheck> one row per privilege the portal needs on /vms, then the clone's needs
     */
    private function privilegeChecks(array $templateVmids, bool $snapshots): array
    {
        try {
            $permissions = $this->http->request('GET', '/access/permissions', ['path' => self::VM_PATH]);
        } catch (ProxmoxError $error) {
            return str_contains($error->getMessage(), 'HTTP 501')
                ? $this->withoutPermissionReport()
                : [new ConnectionCheck('privileges', false, $error->getMessage())];
        }
        // Proxmox answers {"/vms": {"VM.Audit": 1, …}}: the token's effective privileges there.
        $held = is_array($permissions) ? ($permissions[self::VM_PATH] ?? []) : [];
        $held = is_array($held) ? array_keys($held) : [];
        $rows = [];
        foreach (self::privileges($snapshots) as $name => [$alternatives, $purpose]) {
            $ok = array_intersect($alternatives, $held) !== [];
            $rows[] = new ConnectionCheck($name, $ok, $ok
                ? sprintf(
                    /* translators: 1: ACL path, 2: what the privilege is used for */
                    __('Granted on %1$s: the portal can %2$s.', 'support-provisioning-portal'),
                    self::VM_PATH,
                    $purpose
                )
                : sprintf(
                    /* translators: 1: privilege name(s), 2: ACL path, 3: what the privilege is used for */
                    __('Missing: grant %1$s on %2$s, or the portal cannot %3$s.', 'support-provisioning-portal'),
                    implode(' or ', $alternatives),
                    self::VM_PATH,
                    $purpose
                ));
        }
        return [...$rows, ...(new CloneReadiness($this->config->node, $this->http))->rows($templateVmids)];
    }

    /**
     * Servers that cannot report a token's permissions: VM.Audit shows in whether templates are
     * listed (Proxmox filters the list silently); the rest is only known when used.
     *
     * @return list<ConnectionCheck>
     */
    private function withoutPermissionReport(): array
    {
        try {
            $guests = $this->http->request('GET', sprintf('/nodes/%s/qemu', rawurlencode($this->config->node)));
        } catch (ProxmoxError $error) {
            return [new ConnectionCheck('VM.Audit', false, $error->getMessage())];
        }
        $templates = count(array_filter(
            is_array($guests) ? $guests : [],
            static fn (mixed $guest): bool => is_array($guest) && (int) ($guest['template'] ?? 0) === 1
        ));
        /* translators: %d: number of templates */
        $visible = _n(
            '%d QEMU template is visible.',
            '%d QEMU templates are visible.',
            $templates,
            'support-provisioning-portal'
        );
        $visible = $templates > 0 ? sprintf($visible, $templates) : __(
            'No QEMU template is visible: the token needs VM.Audit on /vms, or the node has none.',
            'support-provisioning-portal'
        );
        return [
            new ConnectionCheck('VM.Audit', $templates > 0, $visible),
            new ConnectionCheck('privileges', true, __(
                'Not verified: this server does not report a token\'s permissions (GET /access/permissions). A missing privilege shows as "HTTP 403: Permission check failed (…)" when first needed.',
                'support-provisioning-portal'
            )),
        ];
    }

    /** @return array<string, array{list<string>, string}> name => [privileges that suffice, what for] */
    private static function privileges(bool $snapshots): array
    {
        // qemu-server API2/Qemu.pm: snapshot and delsnapshot need VM.Snapshot; rollback either of the two.
        $snapshotPrivileges = $snapshots ? [
            'VM.Snapshot' => [['VM.Snapshot'], __('take and delete snapshots', 'support-provisioning-portal')],
            'VM.Snapshot.Rollback' => [['VM.Snapshot.Rollback', 'VM.Snapshot'], __('roll VMs back to a snapshot', 'support-provisioning-portal')],
        ] : [];
        return [
            'VM.Audit' => [['VM.Audit'], __('list templates and read VM status', 'support-provisioning-portal')],
            'VM.Clone' => [['VM.Clone'], __('clone templates', 'support-provisioning-portal')],
            'VM.Allocate' => [['VM.Allocate'], __('create and delete VMs', 'support-provisioning-portal')],
            'VM.Config.CPU' => [['VM.Config.CPU'], __('set CPU cores', 'support-provisioning-portal')],
            'VM.Config.Memory' => [['VM.Config.Memory'], __('set memory', 'support-provisioning-portal')],
            'VM.Config.Options' => [
                ['VM.Config.Options'],
                __('mark VMs as the portal\'s and protect expired ones', 'support-provisioning-portal'),
            ],
            'VM.PowerMgmt' => [['VM.PowerMgmt'], __('start and stop VMs', 'support-provisioning-portal')],
            // PVE 9 split VM.Monitor; older servers still use it for the guest agent. Every agent
            // command also accepts VM.GuestAgent.Unrestricted (qemu-server, Agent.pm register_command).
            'VM.GuestAgent.Audit' => [
                ['VM.GuestAgent.Audit', 'VM.GuestAgent.Unrestricted', 'VM.Monitor'],
                __('read IP addresses from the guest agent', 'support-provisioning-portal'),
            ],
        ] + $snapshotPrivileges;
    }
}
