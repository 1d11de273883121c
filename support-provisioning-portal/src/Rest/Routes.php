<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Rest;

use SupportProvisioningPortal\Service\AuditTrail;

/**
 * Registers the plugin's REST controllers: for a request, only those it can reach.
 */
final class Routes
{
    /**
     * Each controller with the shapes of its routes' first three path segments after the namespace,
     * a number segment written `#` (deployments/(?P<id>\d+)/snapshots/… is `deployments/#/snapshots`).
     * A request in the namespace registers the controllers that have its own shape.
     *
     * @var array<class-string<Controller>, list<string>>
     */
    private const CONTROLLERS = [
        TemplatesController::class => ['templates', 'templates/#'],
        ProxmoxTemplatesController::class => ['proxmox/templates'],
        QuotaController::class => ['quota'],
        DeploymentsController::class => ['deployments', 'deployments/#'],
        DeploymentActionsController::class => ['deployments/#/start', 'deployments/#/stop', 'deployments/#/prolong', 'deployments/#/refresh-ips'],
        SharesController::class => ['deployments/#/shares'],
        SettingsController::class => ['settings', 'settings/test-connection'],
        UsersController::class => ['users', 'users/#', 'me'],
        AuditLogsController::class => ['audit-logs'],
        DeploymentDetailsController::class => ['deployments/#'],
        ConnectionProfileController::class => ['templates/#/connection-profile'],
        RdpFileController::class => ['deployments/#/connection'],
        TicketSettingsController::class => ['settings/ticket-links'],
        SnapshotsController::class => ['deployments/#/snapshots'],
        HandoverController::class => ['deployments/#/transfer', 'settings/handover'],
        BulkController::class => ['deployments/bulk'],
        MailSettingsController::class => ['settings/mail'],
        MailPreferencesController::class => ['me/mail-preferences'],
        ReportsController::class => ['reports/usage'],
        DriftController::class => ['drift', 'drift/check', 'drift/orphans/#', 'drift/deployments/#'],
    ];

    public static function register(): void
    {
        $shape = self::reachableShape();
        if ($shape === false) {
            return;
        }
        // The plugin's REST request hooks, only where its routes can be reached.
        JsonBodyGuard::register();
        AuditTrail::register();
        foreach (self::CONTROLLERS as $controller => $shapes) {
            if ($shape === null || in_array($shape, $shapes, true)) {
                (new $controller())->registerRoutes();
            }
        }
    }

    /**
     * What this request can reach. False: none of the plugin's routes (a REST request for another
     * namespace, e.g. /wp/v2/posts). A shape (see CONTROLLERS): the routes of that shape (a request
     * in the plugin's namespace). Null: every route (the index, the namespace's own index, batch
     * requests, and REST calls made from PHP, which define no REST_REQUEST).
     */
    private static function reachableShape(): string|false|null
    {
        $route = defined('REST_REQUEST') && REST_REQUEST ? ($GLOBALS['wp']->query_vars['rest_route'] ?? '') : '';
        // WordPress matches routes without regard to case.
        $parts = explode('/', strtolower(trim(is_string($route) ? $route : '', '/')));
        if ($parts[0] === '' || $parts[0] === 'batch') {
            return null;
        }
        if (implode('/', array_slice($parts, 0, 2)) !== Controller::NAMESPACE) {
            return false;
        }
        $path = array_slice($parts, 2, 3);
        if ($path === []) {
            return null;
        }
        // Route patterns take ids as \d+: ASCII digits, as ctype_digit reads them.
        return implode('/', array_map(static fn (string $part): string => ctype_digit($part) ? '#' : $part, $path));
    }
}
