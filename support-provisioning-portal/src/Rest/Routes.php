<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Rest;

/**
 * Registers every REST controller of the plugin.
 */
final class Routes
{
    /** @var list<class-string<Controller>> */
    private const CONTROLLERS = [
        TemplatesController::class,
        ProxmoxTemplatesController::class,
        QuotaController::class,
        DeploymentsController::class,
        DeploymentActionsController::class,
        SharesController::class,
        SettingsController::class,
        UsersController::class,
        AuditLogsController::class,
        DeploymentDetailsController::class,
        ConnectionProfileController::class,
        RdpFileController::class,
        TicketSettingsController::class,
        SnapshotsController::class,
    ];

    public static function register(): void
    {
        if (!self::mayServe()) {
            return;
        }
        foreach (self::CONTROLLERS as $controller) {
            (new $controller())->registerRoutes();
        }
    }

    /**
     * Whether this request may reach the plugin's routes. A REST request for another namespace
     * (e.g. /wp/v2/posts) cannot, so it is spared the registration of every route; the index,
     * batch requests and REST calls made from PHP (no REST_REQUEST) register everything.
     */
    private static function mayServe(): bool
    {
        $route = defined('REST_REQUEST') && REST_REQUEST ? ($GLOBALS['wp']->query_vars['rest_route'] ?? '') : '';
        if (!is_string($route) || trim($route, '/') === '') {
            return true;
        }
        $first = explode('/', trim($route, '/'))[0];
        return in_array($first, [explode('/', Controller::NAMESPACE)[0], 'batch'], true);
    }
}
