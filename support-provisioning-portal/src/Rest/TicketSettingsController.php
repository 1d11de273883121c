<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Rest;

use SupportProvisioningPortal\Domain\InvalidInput;
use SupportProvisioningPortal\Domain\Right;
use SupportProvisioningPortal\Domain\TicketLink;
use SupportProvisioningPortal\Service\TicketSettings;

/**
 * GET|PUT settings/ticket-links: the ticket URL pattern, guarded by manage_settings.
 */
final class TicketSettingsController extends Controller
{
    public function registerRoutes(): void
    {
        $manage = $this->requireAll(Right::MANAGE_SETTINGS);
        register_rest_route(self::NAMESPACE, '/settings/ticket-links', [
            $this->route('GET', [$this, 'show'], $manage),
            $this->route('PUT, PATCH', [$this, 'update'], $manage, [
                'ticketUrlPattern' => ['type' => 'string', 'maxLength' => TicketLink::PATTERN_MAX_LENGTH, 'required' => true],
            ], 'settings.ticket_links'),
            'schema' => [$this, 'get_item_schema'],
        ]);
    }

    /**
     * The ticket URL pattern; '' when tickets are not linked.
     *
     * @return array<string, mixed>
     */
    public function get_item_schema(): array // phpcs:ignore PSR1.Methods.CamelCapsMethodName.NotCamelCaps -- WordPress's name
    {
        return Schema::resource('ticket-links', ['ticketUrlPattern' => Schema::string()]);
    }

    public function show(): \WP_REST_Response
    {
        return new \WP_REST_Response(['ticketUrlPattern' => TicketSettings::pattern()], 200);
    }

    public function update(\WP_REST_Request $request): \WP_REST_Response|\WP_Error
    {
        try {
            TicketSettings::update((string) $request['ticketUrlPattern']);
        } catch (InvalidInput $error) {
            return new \WP_Error('rest_invalid_param', $error->getMessage(), [
                'status' => 400,
                'params' => [$error->field => $error->getMessage()],
            ]);
        }
        return $this->show();
    }
}
