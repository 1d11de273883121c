<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Rest;

/**
 * Builds the JSON Schemas (draft 4, as WordPress reads them) that describe what the routes answer.
 * A controller returns its resource's schema from `get_item_schema()`; WordPress shows it in the
 * REST index and on OPTIONS. tests/api/response-schemas.test.ts holds them against ui/api/types.ts.
 */
final class Schema
{
    /**
     * An object whose properties are all present in every answer, except the `$optional` ones.
     *
     * @param array<string, array<string, mixed>> $properties
     * @param list<string> $optional
     * @return array<string, mixed>
     */
    public static function object(array $properties, array $optional = []): array
    {
        return [
            'type' => 'object',
            'properties' => $properties,
            'required' => array_values(array_diff(array_keys($properties), $optional)),
            'additionalProperties' => false,
        ];
    }

    /**
     * The schema WordPress expects from a `schema` callback: a draft-04 object with a title.
     *
     * @param array<string, array<string, mixed>> $properties
     * @param list<string> $optional
     * @return array<string, mixed>
     */
    public static function resource(string $title, array $properties, array $optional = []): array
    {
        return ['$schema' => 'http://json-schema.org/draft-04/schema#', 'title' => $title] + self::object($properties, $optional);
    }

    /** @return array<string, mixed> */
    public static function integer(): array
    {
        return ['type' => 'integer'];
    }

    /** @return array<string, mixed> */
    public static function string(): array
    {
        return ['type' => 'string'];
    }

    /** @return array<string, mixed> */
    public static function boolean(): array
    {
        return ['type' => 'boolean'];
    }

    /** @return array<string, mixed> */
    public static function dateTime(): array
    {
        return ['type' => 'string', 'format' => 'date-time'];
    }

    /**
     * @param list<string|int> $values
     * @return array<string, mixed>
     */
    public static function enum(array $values): array
    {
        return ['type' => is_int($values[0] ?? null) ? 'integer' : 'string', 'enum' => $values];
    }

    /**
     * @param array<string, mixed> $items
     * @return array<string, mixed>
     */
    public static function listOf(array $items): array
    {
        return ['type' => 'array', 'items' => $items];
    }

    /**
     * One of several object shapes (told apart by a property such as `kind`).
     *
     * @param array<string, mixed> ...$shapes
     * @return array<string, mixed>
     */
    public static function oneOf(array ...$shapes): array
    {
        return ['type' => 'object', 'oneOf' => array_values($shapes)];
    }

    /**
     * An object with any keys (free-form details).
     *
     * @return array<string, mixed>
     */
    public static function map(): array
    {
        return ['type' => 'object', 'additionalProperties' => true];
    }

    /**
     * The same value, or null.
     *
     * @param array<string, mixed> $schema
     * @return array<string, mixed>
     */
    public static function nullable(array $schema): array
    {
        return ['type' => [$schema['type'], 'null']] + $schema;
    }
}
