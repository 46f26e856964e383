import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTempDir } from '../../../git/testing/fixture-repository.js';
import { dependencyLines, readManifestFixture } from './manifest-fixture.js';

let temp: { dir: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  temp = await createTempDir();
});
afterEach(async () => {
  await temp.cleanup();
});

const GEMFILE = `# frozen_string_literal: true
source "https://rubygems.org"
git_source(:github) { |repo| "https://github.com/#{repo}.git" }

ruby "3.3.0"

gem "rails", "~> 7.1.3"
gem 'pg', '>= 0.18', '< 2.0'
gem "puma", ">= 5.0", require: false
gem "bootsnap", require: false
gem "nokogiri", platforms: :ruby, group: :test
gem "sidekiq", groups: [:production, :development]
gem "tzinfo-data", platforms: %i[ windows jruby ]
gem "rack-#{ENV['RACK']}"

group :development, :test do
  gem "debug", platforms: %i[ mri windows ]
  gem "rspec-rails", "~> 6.1"
end

group :development do
  gem "web-console"
  platforms :mri do
    gem "byebug"
  end
end

group :production do
  gem "lograge", "~> 0.14"
end

gemspec
`;

const GEMSPEC = `Gem::Specification.new do |spec|
  spec.name = "widgets"
  spec.version = Widgets::VERSION
  spec.summary = "Widgets for Ruby."
  spec.licenses = ["MIT"]

  spec.add_dependency "activesupport", ">= 7.0"
  spec.add_runtime_dependency "zeitwerk", "~> 2.6"
  spec.add_development_dependency "rake", "~> 13.0"
end
`;

describe('Gemfile and gemspec', () => {
  it('reads gems with versions, development groups as dev, other groups as runtime', async () => {
    const info = await readManifestFixture(temp.dir, { Gemfile: GEMFILE }, 'Gemfile');
    expect(info.dependencies.every((d) => d.ecosystem === 'rubygems')).toBe(true);
    expect(dependencyLines(info)).toEqual([
      'runtime rails ~> 7.1.3',
      'runtime pg >= 0.18, < 2.0',
      'runtime puma >= 5.0',
      'runtime bootsnap -',
      'dev nokogiri -',
      'runtime sidekiq -',
      'runtime tzinfo-data -',
      'dev debug -',
      'dev rspec-rails ~> 6.1',
      'dev web-console -',
      'dev byebug -',
      'runtime lograge ~> 0.14',
    ]);
  });

  it('reads a gemspec: dependencies, name, summary and license', async () => {
    const info = await readManifestFixture(temp.dir, { 'widgets.gemspec': GEMSPEC }, 'widgets.gemspec');
    expect(info).toMatchObject({ name: 'widgets', description: 'Widgets for Ruby.', license: 'MIT' });
    expect(dependencyLines(info)).toEqual(['runtime activesupport >= 7.0', 'runtime zeitwerk ~> 2.6', 'dev rake ~> 13.0']);
  });

  it('rejects a Gemfile with syntax errors', async () => {
    await expect(readManifestFixture(temp.dir, { 'bad/Gemfile': 'group :test do\n  gem "x"\n' }, 'bad/Gemfile')).rejects.toThrow(/syntax/);
  });
});

const CSPROJ = `<Project Sdk="Microsoft.NET.Sdk.Web">
  <PropertyGroup>
    <TargetFramework>net8.0</TargetFramework>
    <PackageId>Acme.Shop</PackageId>
    <Description>The shop's web API.</Description>
    <PackageLicenseExpression>Apache-2.0</PackageLicenseExpression>
    <SerilogVersion>8.0.1</SerilogVersion>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Newtonsoft.Json" Version="13.0.3" />
    <PackageReference Include="Serilog.AspNetCore" Version="$(SerilogVersion)" />
    <PackageReference Include="Dapper">
      <Version>2.1.35</Version>
    </PackageReference>
    <PackageReference Include="Polly" />
    <PackageReference Include="Microsoft.SourceLink.GitHub" Version="8.0.0" PrivateAssets="All" />
    <PackageReference Include="StyleCop.Analyzers" Version="1.1.118">
      <PrivateAssets>all</PrivateAssets>
      <IncludeAssets>runtime; build; native; contentfiles; analyzers</IncludeAssets>
    </PackageReference>
  </ItemGroup>
  <ItemGroup>
    <ProjectReference Include="..\\Acme.Core\\Acme.Core.csproj" />
  </ItemGroup>
</Project>
`;

const CENTRAL = `<Project>
  <PropertyGroup>
    <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>
  </PropertyGroup>
  <ItemGroup>
    <PackageVersion Include="polly" Version="8.3.1" />
    <PackageVersion Include="xunit" Version="2.7.0" />
    <PackageVersion Include="Microsoft.NET.Test.Sdk" Version="17.9.0" />
  </ItemGroup>
  <ItemGroup>
    <GlobalPackageReference Include="Nerdbank.GitVersioning" Version="3.6.133" />
  </ItemGroup>
</Project>
`;

const TEST_CSPROJ = `<Project Sdk="Microsoft.NET.Sdk">
  <ItemGroup>
    <PackageReference Include="Microsoft.NET.Test.Sdk" />
    <PackageReference Include="xunit" />
  </ItemGroup>
</Project>
`;

describe('NuGet projects', () => {
  it('reads PackageReferences with attribute, element, property and central versions', async () => {
    const files = {
      'Directory.Packages.props': CENTRAL,
      'src/Acme.Shop/Acme.Shop.csproj': CSPROJ,
      'test/Acme.Shop.Tests/Acme.Shop.Tests.csproj': TEST_CSPROJ,
    };
    const info = await readManifestFixture(temp.dir, files, 'src/Acme.Shop/Acme.Shop.csproj');
    expect(info).toMatchObject({ name: 'Acme.Shop', description: "The shop's web API.", license: 'Apache-2.0' });
    expect(info.dependencies.every((d) => d.ecosystem === 'nuget')).toBe(true);
    expect(dependencyLines(info)).toEqual([
      'runtime Newtonsoft.Json 13.0.3',
      'runtime Serilog.AspNetCore 8.0.1',
      'runtime Dapper 2.1.35',
      'runtime Polly 8.3.1',
      'build Microsoft.SourceLink.GitHub 8.0.0',
      'build StyleCop.Analyzers 1.1.118',
    ]);

    const tests = await readManifestFixture(temp.dir, {}, 'test/Acme.Shop.Tests/Acme.Shop.Tests.csproj');
    expect(dependencyLines(tests)).toEqual(['dev Microsoft.NET.Test.Sdk 17.9.0', 'dev xunit 2.7.0']);

    const central = await readManifestFixture(temp.dir, {}, 'Directory.Packages.props');
    expect(dependencyLines(central)).toEqual(['build Nerdbank.GitVersioning 3.6.133']);
  });

  it('reads a legacy packages.config', async () => {
    const info = await readManifestFixture(
      temp.dir,
      {
        'Legacy/packages.config':
          '<?xml version="1.0" encoding="utf-8"?>\n<packages>\n  <package id="log4net" version="2.0.15" targetFramework="net48" />\n  <package id="NUnit" version="3.14.0" developmentDependency="true" />\n</packages>\n',
      },
      'Legacy/packages.config',
    );
    expect(dependencyLines(info)).toEqual(['runtime log4net 2.0.15', 'dev NUnit 3.14.0']);
  });
});
