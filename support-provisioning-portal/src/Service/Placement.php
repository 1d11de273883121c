<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Domain\ErrorCode;
use SupportProvisioningPortal\Domain\PlacementPolicy;
use SupportProvisioningPortal\Proxmox\CloneSource;
use SupportProvisioningPortal\Proxmox\NodeFigures;
use SupportProvisioningPortal\Proxmox\ProxmoxClient;
use SupportProvisioningPortal\Settings\SettingsStore;
use SupportProvisioningPortal\Store\DeploymentStore;

/**
 * Chooses the node of a new VM (docs/decisions/placement.md). Runs under the quota lock, so the
 * deployments placed by every web server are counted: a node's free memory is what Proxmox
 * reports free, less its reserve, less the memory of the portal's VMs placed there that do not
 * run yet (Proxmox counts only running VMs).
 */
final class Placement
{
    /**
     * @param array<string, int|string> $template a TemplateStore row
     * @param list<string> $avoid nodes found offline since they were read
     * @return ?array{node: string, placement: string} the node and the JSON record of the choice;
     *     null when none of the template's nodes is a listed member (the mock lists none)
     * @throws ServiceError NO_NODE_CAPACITY when no eligible node has room
     */
    public static function choose(ProxmoxClient $client, array $template, int $memoryMb, string $connection, array $avoid = []): ?array
    {
        $nodes = $client->clusterNodes();
        $members = array_map(static fn (NodeFigures $node): string => $node->node, $nodes);
        if (array_intersect(array_keys(TemplateBacking::sources($template, $client->node())), $members) === []) {
            // No figures (the mock), or the template's nodes are not in this cluster: nothing to
            // choose, and the clone meets Proxmox's own error (e.g. a misspelt node setting).
            return null;
        }
        $settings = SettingsStore::all();
        $placed = DeploymentStore::placedByNode($connection, $client->node());
        $candidates = [];
        $report = [];
        foreach (self::eligible($client, $nodes, $template, $settings, $avoid) as $node => $figures) {
            if (!$figures->online) {
                $report[$node] = null;
                continue;
            }
            $free = $figures->totalMb - $figures->usedMb - PlacementSettings::reserveMb($settings, $node) - ($placed[$node]['pendingMb'] ?? 0);
            $candidates[$node] = ['freeMb' => $free, 'count' => $placed[$node]['count'] ?? 0];
            $report[$node] = $free;
        }
        $policy = (string) $settings['placementPolicy'];
        $chosen = PlacementPolicy::choose($policy, $memoryMb, $candidates, (string) $settings['placementNode']);
        if ($chosen === null) {
            throw self::noRoom($memoryMb, $report);
        }
        $record = ['policy' => $policy, 'node' => $chosen, 'needMb' => $memoryMb, 'freeMb' => $report, 'avoided' => $avoid];
        return ['node' => $chosen, 'placement' => (string) wp_json_encode($record)];
    }

    /**
     * The clone POST for a VM placed on $node: the template's copy there, or, from shared
     * storage, the template on its own node with `target`.
     *
     * @param array<string, int|string> $template
     */
    public static function cloneSource(array $template, string $node, string $configuredNode): CloneSource
    {
        $sources = TemplateBacking::sources($template, $configuredNode);
        $full = $template['clone_mode'] !== TemplateBacking::LINKED;
        if (isset($sources[$node])) {
            return new CloneSource($sources[$node], $node, '', $full);
        }
        $own = (string) array_key_first($sources);
        return new CloneSource($sources[$own], $own, $node, $full);
    }

    /**
     * The nodes a template can be cloned to, with their figures: those holding a copy, or every
     * node when its disks are on shared storage and its own node is online; limited to the
     * allow-list, without the nodes to avoid.
     *
     * @param list<NodeFigures> $nodes
     * @param array<string, int|string> $template
     * @param array<string, mixed> $settings
     * @param list<string> $avoid
     * @return array<string, NodeFigures>
     */
    private static function eligible(ProxmoxClient $client, array $nodes, array $template, array $settings, array $avoid): array
    {
        $figures = [];
        foreach ($nodes as $node) {
            $figures[$node->node] = in_array($node->node, $avoid, true) ? new NodeFigures($node->node, false, 0, 0) : $node;
        }
        $sources = TemplateBacking::sources($template, $client->node());
        $own = (string) array_key_first($sources);
        $nodes = $template['shared_storage'] === 1 && ($figures[$own]->online ?? false) ? array_keys($figures) : array_keys($sources);
        $allowed = PlacementSettings::allowedNodes($settings);
        if ($allowed !== []) {
            $nodes = array_intersect($nodes, $allowed);
        }
        $eligible = [];
        foreach ($nodes as $node) {
            $eligible[$node] = $figures[$node] ?? new NodeFigures($node, false, 0, 0);
        }
        ksort($eligible);
        return $eligible;
    }

    /** @param array<string, ?int> $report node => free MB, null when offline */
    private static function noRoom(int $memoryMb, array $report): ServiceError
    {
        $where = [];
        foreach ($report as $node => $free) {
            $where[] = $free === null
                /* translators: %s: node name */
                ? sprintf(__('%s offline', 'support-provisioning-portal'), $node)
                /* translators: 1: node name, 2: free MB */
                : sprintf(__('%1$s %2$d MB free', 'support-provisioning-portal'), $node, max(0, $free));
        }
        $message = sprintf(
            /* translators: 1: MB needed, 2: list of nodes with what is free there */
            __('No Proxmox node has room for this VM\'s %1$d MB of RAM after its reserve (%2$s). Try again later or ask an admin.', 'support-provisioning-portal'),
            $memoryMb,
            $where === [] ? __('no eligible node', 'support-provisioning-portal') : implode(', ', $where)
        );
        return new ServiceError(ErrorCode::NO_NODE_CAPACITY, $message, [
            'requestedMb' => $memoryMb,
            'nodes' => array_map(static fn (?int $free): ?int => $free === null ? null : max(0, $free), $report),
        ]);
    }
}
