<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\Proxmox;

use PHPUnit\Framework\TestCase;
use SupportProvisioningPortal\Proxmox\ClientFactory;
use SupportProvisioningPortal\Proxmox\HttpConfig;
use SupportProvisioningPortal\Service\SettingsService;
use SupportProvisioningPortal\Settings\SecretBox;
use SupportProvisioningPortal\Settings\SettingsStore;

/**
 * The token secret stays out of var_dump(), print_r() and stack traces.
 */
final class HttpConfigTest extends TestCase
{
    private const SECRET = 'unit-secret-5e0b7c21';

    public function testDumpsShowTheSecretMasked(): void
    {
        $config = new HttpConfig('https://pve.example.test:8006', 'portal@pve!unit', self::SECRET, 'pve');
        ob_start();
        var_dump($config, [$config]);
        $dumped = (string) ob_get_clean() . print_r($config, true) . print_r([$config], true);
        self::assertStringNotContainsString(self::SECRET, $dumped);
        self::assertStringContainsString('portal@pve!unit', $dumped, 'the rest is shown');
        self::assertStringContainsString('***', $dumped);
        self::assertSame(self::SECRET, $config->tokenSecret, 'the code still reads it');
    }

    public function testStackTracesLeaveTheSecretOut(): void
    {
        $previous = ini_set('zend.exception_ignore_args', '0');
        try {
            $traces = [
                $this->traceOf(static fn () => HttpConfig::fromSettings(
                    ['baseUrl' => 'https://pve.example.test', 'tokenId' => 'a@pve!b', 'node' => 'pve', 'caCertificate' => []],
                    self::SECRET
                )),
                // Argument 4 has the wrong type: the constructor's frame is in the trace.
                $this->traceOf(static fn () => new HttpConfig('https://pve.example.test', 'a@pve!b', self::SECRET, ...[42])),
            ];
        } finally {
            ini_set('zend.exception_ignore_args', (string) $previous);
        }
        foreach ($traces as $trace) {
            self::assertStringContainsString('SensitiveParameterValue', $trace);
            self::assertStringNotContainsString(self::SECRET, $trace);
        }
    }

    /**
     * @dataProvider secretParameters
     */
    public function testEveryParameterCarryingTheSecretIsMarkedSensitive(string $class, string $method, string $parameter): void
    {
        $found = array_filter(
            (new \ReflectionMethod($class, $method))->getParameters(),
            static fn (\ReflectionParameter $p): bool => $p->getName() === $parameter
        );
        self::assertCount(1, $found);
        self::assertNotSame([], reset($found)->getAttributes(\SensitiveParameter::class), "{$class}::{$method}(\${$parameter})");
    }

    /** @return array<string, array{string, string, string}> */
    public static function secretParameters(): array
    {
        return [
            'config' => [HttpConfig::class, '__construct', 'tokenSecret'],
            'config from settings' => [HttpConfig::class, 'fromSettings', 'tokenSecret'],
            'client factory' => [ClientFactory::class, 'fromSettings', 'tokenSecret'],
            'store' => [SettingsStore::class, 'setTokenSecret', 'secret'],
            'seal' => [SecretBox::class, 'seal', 'plain'],
            'update' => [SettingsService::class, 'update', 'input'],
            'test connection' => [SettingsService::class, 'testConnection', 'input'],
        ];
    }

    private function traceOf(callable $call): string
    {
        try {
            $call();
        } catch (\TypeError $error) {
            // PHPUnit's own frames are left out: their arguments hold the whole test suite, whose
            // printing took most of the unit tests' time and says nothing about the secret.
            $ours = array_filter($error->getTrace(), static fn (array $frame): bool => !str_starts_with($frame['class'] ?? '', 'PHPUnit\\'));
            return print_r($ours, true) . $error->getTraceAsString();
        }
        self::fail('expected a TypeError');
    }
}
