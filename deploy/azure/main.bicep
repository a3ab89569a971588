// ICP Filing Assistant on Azure: App Service on Linux (Node) running the bot, a Storage account
// holding conversation and user state (STORAGE=azure-blob), and the Azure Bot resource with the
// Microsoft Teams and Direct Line channels. Walkthrough: deploy/README.md.
//
//   az deployment group create --resource-group <rg> --template-file deploy/azure/main.bicep \
//     --parameters @deploy/azure/main.parameters.json appPassword=<client secret>

targetScope = 'resourceGroup'

@description('Prefix of every resource name: lowercase letters, digits and hyphens (the storage account keeps only letters and digits).')
@minLength(3)
@maxLength(20)
param namePrefix string = 'icp-bot'

@description('Region of the App Service plan, the web app and the storage account. The Azure Bot resource itself is global.')
param location string = resourceGroup().location

@description('MicrosoftAppId: the Application (client) ID of the bot\'s Entra ID app registration.')
@minLength(36)
@maxLength(36)
param appId string

@description('MicrosoftAppPassword: a client secret of that app registration. Never stored in the parameters file.')
@secure()
param appPassword string

@description('MicrosoftAppType. New Azure Bot resources are single-tenant; MultiTenant only for an existing multi-tenant app registration.')
@allowed([
  'SingleTenant'
  'MultiTenant'
])
param appType string = 'SingleTenant'

@description('MicrosoftAppTenantId: the Directory (tenant) ID of the app registration (used when appType is SingleTenant).')
param tenantId string = subscription().tenantId

@description('Pricing tier of the Azure Bot resource: F0 (free, standard channels such as Teams and Direct Line are unlimited) or S1.')
@allowed([
  'F0'
  'S1'
])
param sku string = 'F0'

@description('App Service plan tier. B1 or larger keeps the app always on; F1 lets it sleep when idle.')
@allowed([
  'F1'
  'B1'
  'B2'
  'B3'
  'S1'
  'P0v3'
  'P1v3'
])
param planSku string = 'B1'

@description('Node.js runtime of the web app (package.json engines: 20.19+, 22.12+ or 24+; the Dockerfile uses 20).')
@allowed([
  '20-lts'
  '22-lts'
])
param nodeVersion string = '20-lts'

@description('DEFAULT_LOCALE: the reply language when neither the user, the channel nor the text tells.')
@allowed([
  'en'
  'zh-CN'
])
param defaultLocale string = 'en'

@description('SUPPORT_CONTACT: where a person can be reached (URL, e-mail or phone), shown when a user asks for one. Empty: the bot says no agent is connected.')
@maxLength(500)
param supportContact string = ''

// Web app and bot names must be unique across Azure; uniqueString() is stable per resource group.
var suffix = uniqueString(resourceGroup().id)
var webAppName = '${namePrefix}-${suffix}'
var planName = '${namePrefix}-plan'
var botName = '${namePrefix}-bot-${suffix}'
var storageAccountName = '${take(replace(toLower(namePrefix), '-', ''), 9)}st${suffix}'
var stateContainerName = 'bot-state'

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    // The bot connects with a connection string, which carries the account key.
    allowSharedKeyAccess: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource stateContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: stateContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: planName
  location: location
  kind: 'linux'
  sku: {
    name: planSku
  }
  properties: {
    // Linux plan.
    reserved: true
  }
}

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: webAppName
  location: location
  kind: 'app,linux'
  // The state container exists before the bot's first turn.
  dependsOn: [
    stateContainer
  ]
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'NODE|${nodeVersion}'
      appCommandLine: 'node --disable-warning=DEP0111 dist/src/index.js'
      // Readiness, not liveness: an instance whose store does not answer is taken out of rotation.
      healthCheckPath: '/readyz'
      alwaysOn: planSku != 'F1'
      http20Enabled: true
      webSocketsEnabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      // Only variables the bot reads (src/config.ts). PORT is left to App Service, which sets it
      // and routes traffic to it; HOST keeps its default 0.0.0.0.
      appSettings: [
        {
          name: 'MicrosoftAppId'
          value: appId
        }
        {
          name: 'MicrosoftAppPassword'
          value: appPassword
        }
        {
          name: 'MicrosoftAppType'
          value: appType
        }
        {
          name: 'MicrosoftAppTenantId'
          value: appType == 'SingleTenant' ? tenantId : ''
        }
        {
          name: 'STORAGE'
          value: 'azure-blob'
        }
        {
          name: 'AZURE_STORAGE_CONNECTION_STRING'
          value: 'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storage.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'
        }
        {
          name: 'AZURE_STORAGE_CONTAINER'
          value: stateContainerName
        }
        {
          name: 'DEFAULT_LOCALE'
          value: defaultLocale
        }
        {
          name: 'SUPPORT_CONTACT'
          value: supportContact
        }
      ]
    }
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botName
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: sku
  }
  properties: {
    displayName: 'ICP Filing Assistant'
    description: 'Answers ICP filing questions in English and Simplified Chinese, and checks whether a website needs a filing.'
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppId: appId
    msaAppType: appType
    msaAppTenantId: appType == 'SingleTenant' ? tenantId : ''
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      deploymentEnvironment: 'CommercialDeployment'
    }
  }
}

resource directLineChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'DirectLineChannel'
  location: 'global'
  properties: {
    channelName: 'DirectLineChannel'
    properties: {
      sites: [
        {
          siteName: 'Default Site'
          isEnabled: true
          isV1Enabled: false
          isV3Enabled: true
          isSecureSiteEnabled: false
          isBlockUserUploadEnabled: false
        }
      ]
    }
  }
}

@description('Name of the web app, for az webapp deploy.')
output webAppName string = webApp.name

@description('The bot\'s base URL; GET /healthz (alive) and GET /readyz (its store answers) there should answer 200.')
output webAppUrl string = 'https://${webApp.properties.defaultHostName}'

@description('The Azure Bot resource\'s messaging endpoint.')
output messagingEndpoint string = bot.properties.endpoint

@description('Name of the Azure Bot resource (Direct Line secret: az bot directline show --with-secrets).')
output botName string = bot.name
