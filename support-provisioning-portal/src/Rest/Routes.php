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
     * Each controller with the first path segments of its routes after the namespace. A controller
     * listed without segments (a plain list entry) registers whenever any of the plugin's routes may.
     *
     * @var array<class-string<Controller>|int, list<string>|class-string<Controller>>
     */
    private const CONTROLLERS = [
        TemplatesController::class => ['templates'],
        ProxmoxTemplatesController::class => ['proxmox'],
        QuotaController::class => ['quota'],
        DeploymentsController::class => ['deployments'],
        DeploymentActionsController::class => ['deployments'],
        SharesController::class => ['deployments'],
        SettingsController::class => ['settings'],
        UsersController::class => ['users', 'me'],
        AuditLogsController::class => ['audit-logs'],
        DeploymentDetailsController::class => ['deployments'],
        ConnectionProfileController::class => ['templates'],
        RdpFileController::class => ['deployments'],
        TicketSettingsController::class => ['settings'],
        SnapshotsController::class => ['deployments'],
        HandoverController::class => ['deployments', 'settings'],
        BulkController::class => ['deployments'],
        MailSettingsController::class => ['settings'],
        MailPreferencesController::class => ['me'],
        ReportsController::class => ['reports'],
        DriftController::class => ['drift'],
    ];

    public static function register(): void
    {
        $segment = self::reachableSegment();
        if ($segment === false) {
            return;
        }
        // The plugin's REST request hooks, only where its routes can be reached.
        JsonBodyGuard::register();
        AuditTrail::register();
        foreach (self::CONTROLLERS as $key => $value) {
            [$controller, $segments] = is_string($key) ? [$key, (array) $value] : [(string) $value, null];
            if ($segment === null || $segments === null || in_array($segment, $segments, true)) {
                (new $controller())->registerRoutes();
            }
        }
    }

    /**
     * What this request can reach. False: none of the plugin's routes (a REST request for another
     * namespace, e.g. /wp/v2/posts). A segment: the routes under it (a request in the plugin's
     * namespace). Null: every route (the index, the namespace's own index, batch requests, and
     * REST calls made from PHP, which define no REST_REQUEST).
     */
    private static function reachableSegment(): string|false|null
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
        return $parts[2] ?? null;
    }
}
