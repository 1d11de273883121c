<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Domain;

/**
 * The case a deployment belongs to: ticket reference, customer and purpose, each optional ('').
 */
final class TicketFields
{
    public const TICKET_REF_MAX_LENGTH = 64;
    public const CUSTOMER_MAX_LENGTH = 190;
    public const PURPOSE_MAX_LENGTH = 500;

    /** Tracker keys such as SUP-1234, INC0012345, #4711 or CASE:77/2. */
    public const TICKET_REF_PATTERN = '^(?:[A-Za-z0-9#][A-Za-z0-9._:#/+-]{0,63})?\z';

    /** REST field => column. */
    public const FIELDS = ['ticketRef' => 'ticket_ref', 'customer' => 'customer', 'purpose' => 'purpose'];

    public function __construct(
        public readonly string $ticketRef = '',
        public readonly string $customer = '',
        public readonly string $purpose = '',
    ) {
    }

    /** @param array<string, mixed> $values REST field names, already checked by the route schema */
    public function with(array $values): self
    {
        $text = static fn (string $field, string $current): string
            => array_key_exists($field, $values) && $values[$field] !== null ? trim((string) $values[$field]) : $current;
        return new self(
            $text('ticketRef', $this->ticketRef),
            $text('customer', $this->customer),
            $text('purpose', $this->purpose)
        );
    }

    /** @return array{ticketRef: string, customer: string, purpose: string} */
    public function toArray(): array
    {
        return ['ticketRef' => $this->ticketRef, 'customer' => $this->customer, 'purpose' => $this->purpose];
    }

    /** @return array<string, string> column => value */
    public function columns(): array
    {
        $columns = [];
        foreach ($this->toArray() as $field => $value) {
            $columns[self::FIELDS[$field]] = $value;
        }
        return $columns;
    }

    /**
     * The route schema of the three fields: single-line text within its length, the reference a tracker key.
     *
     * @return array<string, array<string, mixed>>
     */
    public static function schema(): array
    {
        return [
            'ticketRef' => ['type' => 'string', 'maxLength' => self::TICKET_REF_MAX_LENGTH, 'pattern' => self::TICKET_REF_PATTERN],
            'customer' => ['type' => 'string', 'maxLength' => self::CUSTOMER_MAX_LENGTH, 'pattern' => TextRules::SINGLE_LINE_PATTERN],
            'purpose' => ['type' => 'string', 'maxLength' => self::PURPOSE_MAX_LENGTH, 'pattern' => TextRules::SINGLE_LINE_PATTERN],
        ];
    }
}
