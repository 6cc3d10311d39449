import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus, CommandHandler, CqrsModule, type ICommandHandler } from '@nestjs/cqrs';

// NestJS 12 and @nestjs/cqrs 12 ship as ES modules only. Jest runs them through the SWC transform of
// jest.preset.cjs; this test fails if that set-up (or decorator metadata for injection) breaks.
class Greet {
  constructor(readonly name: string) {}
}

@Injectable()
class Greeter {
  greet(name: string): string {
    return `hello ${name}`;
  }
}

@CommandHandler(Greet)
class GreetHandler implements ICommandHandler<Greet, string> {
  constructor(private readonly greeter: Greeter) {}
  execute(command: Greet): Promise<string> {
    return Promise.resolve(this.greeter.greet(command.name));
  }
}

@Module({ imports: [CqrsModule.forRoot()], providers: [Greeter, GreetHandler] })
class ToolchainModule {}

describe('NestJS 12 (ES modules) under Jest', () => {
  it('builds an application context and dispatches a command through @nestjs/cqrs', async () => {
    const app = await NestFactory.createApplicationContext(ToolchainModule, { logger: false });
    try {
      await expect(app.get(CommandBus).execute(new Greet('toolchain'))).resolves.toBe('hello toolchain');
    } finally {
      await app.close();
    }
  });
});
