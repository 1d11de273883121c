<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Domain;

/**
 * Which node a new VM goes to (docs/decisions/placement.md). A candidate is an eligible, online
 * node with its free memory after its reserve and the portal's VMs not yet running there, and the
 * number of the portal's VMs on it. Only candidates with room for the VM are chosen.
 */
final class PlacementPolicy
{
    /** The node with the most free memory. */
    public const MEMORY = 'memory';
    /** Always the configured node. */
    public const FIXED = 'fixed';
    /** The node with the fewest of the portal's VMs (then the most free memory). */
    public const SPREAD = 'spread';
    public const ALL = [self::MEMORY, self::FIXED, self::SPREAD];

    /**
     * @param array<string, array{freeMb: int, count: int}> $candidates node => figures
     * @return ?string the chosen node, or null when none has room
     */
    public static function choose(string $policy, int $needMb, array $candidates, string $fixedNode): ?string
    {
        $roomy = array_filter($candidates, static fn (array $node): bool => $node['freeMb'] >= $needMb);
        if ($policy === self::FIXED) {
            return isset($roomy[$fixedNode]) ? $fixedNode : null;
        }
        uksort($roomy, static function (string $a, string $b) use ($roomy, $policy): int {
            $byCount = $policy === self::SPREAD ? $roomy[$a]['count'] <=> $roomy[$b]['count'] : 0;
            // Ties go to the node named first, so the choice is the same on every web server.
            return $byCount ?: ($roomy[$b]['freeMb'] <=> $roomy[$a]['freeMb'] ?: strcmp($a, $b));
        });
        return array_key_first($roomy);
    }
}
