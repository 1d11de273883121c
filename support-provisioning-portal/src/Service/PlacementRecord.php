<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Domain\PlacementPolicy;

/**
 * The stored record of a placement (Placement::choose()) as managers see it: the node, the
 * policy, what was free where, and a sentence saying why.
 */
final class PlacementRecord
{
    /** @return ?array{node: string, policy: string, freeMb: object, reason: string} freeMb: node => MB, null = offline */
    public static function describe(string $json): ?array
    {
        $record = json_decode($json, true);
        if (!is_array($record) || !is_string($record['node'] ?? null)) {
            return null;
        }
        $node = $record['node'];
        $free = is_array($record['freeMb'] ?? null) ? $record['freeMb'] : [];
        $policy = (string) ($record['policy'] ?? PlacementPolicy::MEMORY);
        $reason = match ($policy) {
            /* translators: %s: node name */
            PlacementPolicy::FIXED => sprintf(__('The placement policy puts every VM on %s.', 'support-provisioning-portal'), $node),
            PlacementPolicy::SPREAD => sprintf(
                /* translators: 1: node name, 2: free MB */
                __('%1$s held the fewest of the portal\'s VMs among the nodes with room (%2$d MB free after its reserve).', 'support-provisioning-portal'),
                $node,
                (int) ($free[$node] ?? 0)
            ),
            /* translators: 1: node name, 2: free MB */
            default => sprintf(__('%1$s had the most free memory: %2$d MB after its reserve.', 'support-provisioning-portal'), $node, (int) ($free[$node] ?? 0)),
        };
        $avoided = is_array($record['avoided'] ?? null) ? array_map('strval', $record['avoided']) : [];
        if ($avoided !== []) {
            /* translators: %s: node names */
            $reason .= ' ' . sprintf(__('Chosen again: %s went offline.', 'support-provisioning-portal'), implode(', ', $avoided));
        }
        return ['node' => $node, 'policy' => $policy, 'freeMb' => (object) $free, 'reason' => $reason];
    }
}
