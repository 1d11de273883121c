<?php

declare(strict_types=1);

// phpcs:disable WordPress.Security.EscapeOutput.ExceptionNotEscaped -- messages leave as REST JSON or stored text, never as HTML (docs/decisions/php-coding-standard.md)

namespace SupportProvisioningPortal\Proxmox;

use SupportProvisioningPortal\Domain\IpAddressFilter;

/**
 * The real Proxmox VE cluster, over its HTTPS API with an API token (CONTRACT §8).
 */
final class HttpProxmox implements ProxmoxClient
{
    private const MIB = 1024 * 1024;

    private readonly HttpTransport $http;

    public function __construct(private readonly HttpConfig $config)
    {
        $this->http = new HttpTransport($config);
    }

    public function node(): string
    {
        return $this->config->node;
    }

    public function identity(): string
    {
        try {
            $status = $this->http->request('GET', '/cluster/status');
        } catch (ProxmoxError $error) {
            // /cluster/status needs Sys.Audit on /; without it the address is all there is.
            if (str_starts_with($error->getMessage(), 'Proxmox request failed with HTTP 403')) {
                return 'pve-host:' . strtolower($this->config->endpoint());
            }
            throw $error;
        }
        $entries = is_array($status) ? array_filter($status, 'is_array') : [];
        foreach ($entries as $entry) {
            if (($entry['type'] ?? '') === 'cluster' && (string) ($entry['name'] ?? '') !== '') {
                return 'pve-cluster:' . $entry['name'];
            }
        }
        foreach ($entries as $entry) {
            if (($entry['type'] ?? '') === 'node' && (string) ($entry['name'] ?? '') !== '') {
                return 'pve-node:' . $entry['name'];
            }
        }
        return 'pve-host:' . strtolower($this->config->endpoint());
    }

    public function nextVmid(): int
    {
        return (int) $this->http->request('GET', '/cluster/nextid');
    }

    public function cloneTemplate(CloneSource $source, int $newVmid, string $name, string $description): string
    {
        $node = $source->node === '' ? $this->config->node : $source->node;
        return $this->upid($this->http->request('POST', $this->vmPath(new VmRef('', $node, $source->vmid), '/clone'), [
            'newid' => $newVmid,
            'name' => $name,
            'description' => $description,
            'full' => $source->full,
        ] + ($source->target === '' ? [] : ['target' => $source->target])));
    }

    public function clusterNodes(): array
    {
        $nodes = [];
        foreach ($this->resources('node') as $entry) {
            $nodes[] = new NodeFigures(
                (string) ($entry['node'] ?? ''),
                ($entry['status'] ?? '') === 'online',
                intdiv((int) ($entry['maxmem'] ?? 0), self::MIB),
                intdiv((int) ($entry['mem'] ?? 0), self::MIB)
            );
        }
        return $nodes;
    }

    public function taskStatus(string $upid): TaskStatus
    {
        $task = Upid::parse($upid);
        $path = sprintf('/nodes/%s/tasks/%s/status', rawurlencode($task->node), rawurlencode($task->value));
        $status = $this->http->request('GET', $path);
        if (!is_array($status) || ($status['status'] ?? '') === 'running') {
            return new TaskStatus(true);
        }
        return new TaskStatus(false, (string) ($status['exitstatus'] ?? ''));
    }

    public function vmFacts(VmRef $vm): ?VmFacts
    {
        try {
            return VmFacts::fromConfig($this->vmConfig($vm));
        } catch (ProxmoxError $error) {
            if ($error->isVmMissing()) {
                return null;
            }
            throw $error;
        }
    }

    public function findVmNode(int $vmid): ?string
    {
        foreach ($this->resources('vm') as $guest) {
            if (($guest['type'] ?? 'qemu') === 'qemu' && (int) ($guest['vmid'] ?? 0) === $vmid) {
                return (string) ($guest['node'] ?? '');
            }
        }
        return null;
    }

    public function listVms(): array
    {
        $vms = [];
        foreach ($this->resources('vm') as $guest) {
            if (($guest['type'] ?? 'qemu') !== 'qemu' || (int) ($guest['template'] ?? 0) === 1) {
                continue;
            }
            $vms[] = new ClusterVm(
                (int) ($guest['vmid'] ?? 0),
                (string) ($guest['node'] ?? ''),
                (string) ($guest['name'] ?? ''),
                ClusterVm::splitTags((string) ($guest['tags'] ?? '')),
                ($guest['status'] ?? '') === 'running',
                intdiv((int) ($guest['maxmem'] ?? 0), self::MIB),
                (int) ($guest['maxcpu'] ?? 0)
            );
        }
        return $vms;
    }

    public function configure(VmRef $vm, int $cores, int $memoryMb, string $description, array $tags, string $digest): void
    {
        $this->http->request('PUT', $this->vmPath($vm, '/config'), [
            'cores' => $cores,
            'memory' => $memoryMb,
            'description' => $description,
            'tags' => implode(';', $tags),
        ] + self::digest($digest));
    }

    public function applySize(VmRef $vm, int $cores, int $memoryMb, string $name, string $digest): void
    {
        $this->http->request('PUT', $this->vmPath($vm, '/config'), ['cores' => $cores, 'memory' => $memoryMb, 'name' => $name] + self::digest($digest));
    }

    public function setProtection(VmRef $vm, bool $protected, string $digest): void
    {
        $this->http->request('PUT', $this->vmPath($vm, '/config'), ['protection' => $protected] + self::digest($digest));
    }

    public function start(VmRef $vm): string
    {
        return $this->upid($this->http->request('POST', $this->vmPath($vm, '/status/start')));
    }

    public function stop(VmRef $vm): string
    {
        return $this->upid($this->http->request('POST', $this->vmPath($vm, '/status/stop')));
    }

    public function destroy(VmRef $vm): string
    {
        return $this->upid($this->http->request('DELETE', $this->vmPath($vm), [
            'purge' => true,
            'destroy-unreferenced-disks' => true,
        ]));
    }

    public function vmStatus(VmRef $vm): ?string
    {
        try {
            $current = $this->http->request('GET', $this->vmPath($vm, '/status/current'));
        } catch (ProxmoxError $error) {
            if ($error->isVmMissing()) {
                return null;
            }
            throw $error;
        }
        return is_array($current) ? (string) ($current['status'] ?? '') : '';
    }

    public function ipAddresses(VmRef $vm): IpLookup
    {
        $config = $this->vmConfig($vm);
        try {
            $answer = $this->http->request('GET', $this->vmPath($vm, '/agent/network-get-interfaces'));
        } catch (ProxmoxError $error) {
            return new IpLookup([], $this->agentHint($error));
        }
        $interfaces = is_array($answer) && is_array($answer['result'] ?? null) ? $answer['result'] : [];
        $mac = preg_match('/([0-9a-f]{2}(?::[0-9a-f]{2}){5})/i', (string) ($config['net0'] ?? ''), $m) ? $m[1] : null;
        return new IpLookup(IpAddressFilter::usableAddresses($interfaces, $mac));
    }

    public function snapshots(VmRef $vm): array
    {
        return SnapshotInfo::listFrom($this->http->request('GET', $this->vmPath($vm, '/snapshot')));
    }

    public function createSnapshot(VmRef $vm, string $name, string $description, bool $vmstate): string
    {
        return $this->upid($this->http->request('POST', $this->vmPath($vm, '/snapshot'), [
            'snapname' => $name,
            'description' => $description,
            'vmstate' => $vmstate,
        ]));
    }

    public function rollbackSnapshot(VmRef $vm, string $name, bool $start): string
    {
        return $this->upid($this->http->request('POST', $this->vmPath($vm, '/snapshot/' . rawurlencode($name) . '/rollback'), ['start' => $start]));
    }

    public function deleteSnapshot(VmRef $vm, string $name): string
    {
        return $this->upid($this->http->request('DELETE', $this->vmPath($vm, '/snapshot/' . rawurlencode($name))));
    }

    /**
     * Templates of every online node, from one `/cluster/resources` call (nodes, guests and
     * storages); their configs are read on their own nodes.
     */
    public function listTemplates(): array
    {
        $resources = $this->resources();
        $online = [];
        foreach ($resources as $entry) {
            if (($entry['type'] ?? '') === 'node' && ($entry['status'] ?? '') === 'online') {
                $online[(string) ($entry['node'] ?? '')] = true;
            }
        }
        $found = [];
        foreach ($resources as $entry) {
            $node = (string) ($entry['node'] ?? '');
            if (($entry['type'] ?? '') === 'qemu' && (int) ($entry['template'] ?? 0) === 1 && isset($online[$node])) {
                $found[] = [(int) ($entry['vmid'] ?? 0), $node];
            }
        }
        sort($found);
        $storages = self::storages($resources);
        return array_map(fn (array $template): TemplateInfo => $this->readTemplate($template[0], $template[1], $storages), $found);
    }

    public function templateInfo(int $vmid, string $node = ''): TemplateInfo
    {
        return $this->readTemplate($vmid, $node === '' ? $this->config->node : $node, self::storages($this->resources('storage')));
    }

    /** @param array<string, array{plugintype: string, shared: bool}> $storages */
    private function readTemplate(int $vmid, string $node, array $storages): TemplateInfo
    {
        $config = $this->vmConfig(new VmRef('', $node, $vmid));
        if (!TemplateConfigReader::isTemplate($config)) {
            throw new ProxmoxError(sprintf(
                /* translators: 1: VMID, 2: node name */
                __("VM %1\$d on node '%2\$s' is not a template.", 'support-provisioning-portal'),
                $vmid,
                $node
            ));
        }
        return TemplateConfigReader::read($vmid, $config, $node, $storages);
    }

    /** @return list<array<string, mixed>> `GET /cluster/resources`, of one type or all */
    private function resources(string $type = ''): array
    {
        $entries = $this->http->request('GET', '/cluster/resources', $type === '' ? [] : ['type' => $type]);
        return array_values(array_filter(is_array($entries) ? $entries : [], 'is_array'));
    }

    /**
     * @param list<array<string, mixed>> $resources
     * @return array<string, array{plugintype: string, shared: bool}> storage id => facts
     */
    private static function storages(array $resources): array
    {
        $storages = [];
        foreach ($resources as $entry) {
            if (($entry['type'] ?? '') === 'storage') {
                $storages[(string) ($entry['storage'] ?? '')] = [
                    'plugintype' => (string) ($entry['plugintype'] ?? ''),
                    'shared' => (int) ($entry['shared'] ?? 0) === 1,
                ];
            }
        }
        return $storages;
    }

    public function testConnection(array $templateVmids, bool $snapshots = false): array
    {
        return (new HttpConnectionTest($this->config, $this->http))->run($templateVmids, $snapshots);
    }

    private function vmPath(VmRef $vm, string $suffix = ''): string
    {
        return sprintf('/nodes/%s/qemu/%d%s', rawurlencode($vm->node), $vm->vmid, $suffix);
    }

    /** @return array<string, mixed> */
    private function vmConfig(VmRef $vm): array
    {
        $config = $this->http->request('GET', $this->vmPath($vm, '/config'));
        return is_array($config) ? $config : [];
    }

    /** @return array<string, string> the `digest` parameter, when the caller read one */
    private static function digest(string $digest): array
    {
        return $digest === '' ? [] : ['digest' => $digest];
    }

    private function upid(mixed $data): string
    {
        if (!is_string($data) || !str_starts_with($data, 'UPID:')) {
            throw new ProxmoxError(__('Proxmox did not answer with a task id (UPID).', 'support-provisioning-portal'));
        }
        return $data;
    }

    /** Why the agent gave no addresses, when that only means "none yet"; other failures are rethrown. */
    private function agentHint(ProxmoxError $error): string
    {
        $message = $error->getMessage();
        $hint = match (true) {
            !str_starts_with($message, 'Proxmox request failed with HTTP 500') => null,
            (bool) preg_match('/No QEMU guest agent configured/', $message) =>
                __('The QEMU guest agent is not enabled for this VM.', 'support-provisioning-portal'),
            (bool) preg_match('/VM \d+ is not running/', $message) =>
                __('The VM is not running.', 'support-provisioning-portal'),
            (bool) preg_match('/guest agent is not running|guest agent command .* failed|got timeout/i', $message) =>
                __('The guest agent is not answering yet; the VM may still be booting.', 'support-provisioning-portal'),
            default => null,
        };
        return $hint ?? throw $error;
    }
}
